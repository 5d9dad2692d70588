package io.edgegateway.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk's limit for a given fsync spacing: one thread copies records of {@code recordBytes} (the size a
 * record takes in the log's files, batch headers included) into a 64 KiB direct buffer, writes it with
 * {@code FileChannel.write} when full, and after every {@code bytesPerFsync} bytes writes what it has and
 * calls {@code force(false)}. No framing, no CRC, no locks: nothing but the system calls.
 */
final class RawDisk {
    private RawDisk() {
    }

    static Util.Rate run(Path file, int recordBytes, double bytesPerFsync, long warmupMs, long measureMs)
            throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            return Util.timed(1, warmupMs, measureMs, (id, run) -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
                byte[] rec = Util.payload(recordBytes, 3);
                long pos = 0;
                long records = 0;
                long acked = 0;
                double sinceSync = 0;
                while (!run.stopped()) {
                    if (buf.remaining() < recordBytes) {
                        buf.flip();
                        while (buf.hasRemaining()) {
                            pos += ch.write(buf, pos);
                        }
                        buf.clear();
                        if (bytesPerFsync <= 0) {
                            acked = records;
                            run.count(0, acked);
                        }
                    }
                    buf.put(rec);
                    records++;
                    sinceSync += recordBytes;
                    if (bytesPerFsync > 0 && sinceSync >= bytesPerFsync) {
                        buf.flip();
                        while (buf.hasRemaining()) {
                            pos += ch.write(buf, pos);
                        }
                        buf.clear();
                        ch.force(false);
                        sinceSync = 0;
                        acked = records;
                        run.count(0, acked);
                    }
                }
            });
        }
    }
}
