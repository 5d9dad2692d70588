package io.edgegateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The calibration writer: what a plain, single-purpose Java log does on this disk. Each
 * record is a 16-byte header (int32 length, int32 CRC32C of the payload, int64 sequence) and the payload,
 * copied into a 64 KiB direct buffer that is written with one {@code FileChannel.write} when full. Several
 * threads share it either through one lock (the buffer is shared) or by hand-off (each thread fills its
 * own buffer and queues full ones to a single writer thread). With {@code syncEvery > 0} the file is
 * fsynced ({@code force(false)}) after every {@code syncEvery} records and a record counts only once synced.
 */
final class Calibration {
    static final int HEADER = 16;
    static final int BUFFER = 64 * 1024;

    private Calibration() {
    }

    /** Through one lock: the thread that fills the buffer writes it (and fsyncs) while holding the lock. */
    static Util.Rate lock(Path file, int threads, int valueSize, int syncEvery, long warmupMs, long measureMs)
            throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ReentrantLock lock = new ReentrantLock();
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            long[] state = new long[3]; // [0] sequence, [1] file position, [2] records not yet synced
            return Util.timed(threads, warmupMs, measureMs, (id, run) -> {
                byte[] payload = Util.payload(valueSize, id);
                CRC32C crc = new CRC32C();
                long done = 0;
                while (!run.stopped()) {
                    crc.reset();
                    crc.update(payload, 0, payload.length);
                    int c = (int) crc.getValue();
                    lock.lock();
                    try {
                        if (buf.remaining() < HEADER + valueSize) {
                            state[1] += drain(ch, buf, state[1]);
                        }
                        buf.putInt(valueSize).putInt(c).putLong(state[0]++).put(payload);
                        if (syncEvery > 0 && ++state[2] >= syncEvery) {
                            state[1] += drain(ch, buf, state[1]);
                            ch.force(false);
                            state[2] = 0;
                        }
                    } finally {
                        lock.unlock();
                    }
                    // Under a sync policy a record is acknowledged by the fsync that follows it; the
                    // thread that runs it has waited for it, the others count on the next one. Per
                    // thread this is exact to within one sync interval over a whole run.
                    run.count(id, ++done);
                }
            });
        }
    }

    /**
     * Hand-off: each of {@code threads} producers fills its own buffer and queues full ones to one writer
     * thread, which writes them (and fsyncs); records count when the writer has written (synced) them.
     */
    static Util.Rate handoff(Path file, int threads, int valueSize, int syncEvery, long warmupMs, long measureMs)
            throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(threads * 2);
            BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(threads * 4);
            for (int i = 0; i < threads * 3; i++) {
                free.add(ByteBuffer.allocateDirect(BUFFER));
            }
            // Thread number `threads` is the writer; 0..threads-1 are the producers.
            return Util.timed(threads + 1, warmupMs, measureMs, (id, run) -> {
                if (id == threads) {
                    long pos = 0;
                    long unsynced = 0;
                    long acked = 0;
                    while (!run.stopped()) {
                        ByteBuffer b = full.poll(10, TimeUnit.MILLISECONDS);
                        if (b == null) {
                            continue;
                        }
                        int records = b.limit() / (HEADER + valueSize);
                        pos += drainFlipped(ch, b, pos);
                        unsynced += records;
                        if (syncEvery > 0 && unsynced >= syncEvery) {
                            ch.force(false);
                        }
                        if (syncEvery == 0 || unsynced >= syncEvery) {
                            acked += unsynced;
                            unsynced = 0;
                            run.count(id, acked);
                        }
                        b.clear();
                        free.put(b);
                    }
                    return;
                }
                byte[] payload = Util.payload(valueSize, id);
                CRC32C crc = new CRC32C();
                ByteBuffer buf = free.take();
                long seq = (long) id << 40;
                while (!run.stopped()) {
                    crc.reset();
                    crc.update(payload, 0, payload.length);
                    if (buf.remaining() < HEADER + valueSize) {
                        buf.flip();
                        while (!full.offer(buf, 10, TimeUnit.MILLISECONDS)) {
                            if (run.stopped()) {
                                return;
                            }
                        }
                        buf = null;
                        while (buf == null) {
                            buf = free.poll(10, TimeUnit.MILLISECONDS);
                            if (run.stopped()) {
                                return;
                            }
                        }
                    }
                    buf.putInt(valueSize).putInt((int) crc.getValue()).putLong(seq++).put(payload);
                }
            });
        }
    }

    /** Writes buf[0, position) at pos and clears it; returns bytes written. */
    private static long drain(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        buf.flip();
        long n = drainFlipped(ch, buf, pos);
        buf.clear();
        return n;
    }

    private static long drainFlipped(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long n = 0;
        while (buf.hasRemaining()) {
            n += ch.write(buf, pos + n);
        }
        return n;
    }

    /** Writes {@code records} records (no fsync) to a fresh file for the read-back case; returns its bytes. */
    static long writeFile(Path file, long records, int valueSize) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            byte[] payload = Util.payload(valueSize, 7);
            CRC32C crc = new CRC32C();
            long pos = 0;
            for (long i = 0; i < records; i++) {
                crc.reset();
                crc.update(payload, 0, payload.length);
                if (buf.remaining() < HEADER + valueSize) {
                    pos += drain(ch, buf, pos);
                }
                buf.putInt(valueSize).putInt((int) crc.getValue()).putLong(i).put(payload);
            }
            pos += drain(ch, buf, pos);
            ch.force(false);
            return pos;
        }
    }

    /** Reads the file back, checking each record's CRC32C and sequence; returns records per second. */
    static double readBack(Path file, int valueSize) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            byte[] payload = new byte[valueSize];
            CRC32C crc = new CRC32C();
            long pos = 0;
            long records = 0;
            long t0 = System.nanoTime();
            buf.limit(0);
            while (true) {
                if (buf.remaining() < HEADER + valueSize) {
                    buf.compact();
                    int r = ch.read(buf, pos);
                    buf.flip();
                    if (r <= 0) {
                        break;
                    }
                    pos += r;
                    continue;
                }
                int len = buf.getInt();
                int c = buf.getInt();
                long seq = buf.getLong();
                buf.get(payload, 0, len);
                crc.reset();
                crc.update(payload, 0, len);
                if ((int) crc.getValue() != c || seq != records) {
                    throw new IllegalStateException("calibration read-back: bad record " + records);
                }
                records++;
            }
            return records * 1e9 / (System.nanoTime() - t0);
        }
    }
}
