package io.edgegateway.log;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * The child JVM of {@link KillNineTest}: opens (recovering) the log, then 4 threads append to an
 * {@code interval} and an {@code os} topic (single, batch and asynchronous appends) until the process is
 * killed, printing {@code A <topic> <partition> <offset> <hash>} for every acknowledged record. Every value
 * carries its run, thread, sequence number and a CRC32C of itself, so the test can tell an intact record
 * from an invented or damaged one.
 */
public final class KillNineChild {
    static final List<String> TOPICS = List.of("ki", "ko");

    private KillNineChild() {
    }

    static TopicConfig topic(String name) {
        return TopicConfig.builder(name).partitions(2).segmentBytes(64 * 1024)
                .durability(name.equals("ki") ? Durability.INTERVAL : Durability.OS).flushIntervalMs(50).build();
    }

    /** run (4) | thread (4) | seq (8) | random bytes | CRC32C of all before (4). */
    static byte[] value(int run, int thread, long seq, Random r) {
        byte[] v = new byte[16 + r.nextInt(300) + 4];
        r.nextBytes(v);
        ByteBuffer b = ByteBuffer.wrap(v);
        b.putInt(0, run).putInt(4, thread).putLong(8, seq);
        CRC32C c = new CRC32C();
        c.update(v, 0, v.length - 4);
        b.putInt(v.length - 4, (int) c.getValue());
        return v;
    }

    /** Null if the value is intact, else why not. */
    static String checkValue(byte[] v) {
        if (v == null || v.length < 20) {
            return "value too short";
        }
        CRC32C c = new CRC32C();
        c.update(v, 0, v.length - 4);
        return ByteBuffer.wrap(v).getInt(v.length - 4) == (int) c.getValue() ? null : "value CRC mismatch";
    }

    static int hash(byte[] key, byte[] value) {
        CRC32C c = new CRC32C();
        c.update(key);
        c.update(value);
        return (int) c.getValue();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        LocalLog log = LocalLog.open(dir, LogConfig.builder().writeBufferBytes(8192).asyncLingerMicros(200).build());
        for (String t : TOPICS) {
            log.createTopic(topic(t));
        }
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        List<Thread> threads = new ArrayList<>();
        for (int th = 0; th < 4; th++) {
            int thread = th;
            Thread t = new Thread(() -> appendForever(log, run, thread, out), "appender-" + th);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void ack(PrintStream out, AppendResult r, byte[] key, byte[] value) {
        synchronized (out) {
            out.println("A " + r.topic() + " " + r.partition() + " " + r.offset() + " " + hash(key, value));
            out.flush();
        }
    }

    private static void appendForever(LocalLog log, int run, int thread, PrintStream out) {
        Random r = new Random(run * 31L + thread);
        for (long seq = 0; ; ) {
            String topic = TOPICS.get((int) (seq / 7 % 2));
            byte[] key = ("dev-" + thread + "-" + r.nextInt(3)).getBytes(StandardCharsets.UTF_8);
            switch (r.nextInt(3)) {
                case 0 -> {
                    byte[] v = value(run, thread, seq++, r);
                    ack(out, log.append(topic, new LogRecord(key, v, System.currentTimeMillis())), key, v);
                }
                case 1 -> {
                    List<LogRecord> batch = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        batch.add(new LogRecord(key, value(run, thread, seq++, r), System.currentTimeMillis()));
                    }
                    List<AppendResult> res = log.appendBatch(topic, batch);
                    for (int i = 0; i < res.size(); i++) {
                        ack(out, res.get(i), key, batch.get(i).value());
                    }
                }
                default -> {
                    List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
                    List<byte[]> vs = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        byte[] v = value(run, thread, seq++, r);
                        vs.add(v);
                        fs.add(log.appendAsync(topic, new LogRecord(key, v, System.currentTimeMillis())));
                    }
                    for (int i = 0; i < fs.size(); i++) {
                        ack(out, fs.get(i).join(), key, vs.get(i));
                    }
                }
            }
        }
    }
}
