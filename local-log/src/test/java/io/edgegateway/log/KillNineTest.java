package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM ({@link KillNineChild}) appends from 4 threads to an
 * {@code interval} and an {@code os} topic and reports every acknowledged record over its stdout; the test
 * reads the pipe, kills the child with SIGKILL after a random number of acknowledgements (0 = right after
 * it opened, i.e. often while the previous kill's damage is being recovered), reopens the log and checks
 * that every acknowledged record is there and intact, offsets are dense, every record is one the child
 * wrote (its value carries a CRC of itself) and each thread's records keep their order. kill -9 never
 * tests fsync (the page cache survives it); that is {@link PowerLossTest}'s job.
 */
class KillNineTest {
    static final int KILLS = PowerLossTest.STRESS ? 300 : 50;
    static final long SEED = Long.getLong("edge.seed", System.nanoTime());

    @TempDir
    Path tmp;

    record Ack(long offset, int hash) {
    }

    @Test
    void everyAcknowledgedRecordSurvivesKillNine() throws Exception {
        Path dir = tmp.resolve("log");
        Path childLog = Path.of("target", "killnine-child.log").toAbsolutePath();
        Files.deleteIfExists(childLog);
        String java = ProcessHandle.current().info().command().orElse("java");
        Random random = new Random(SEED);
        Map<String, Map<Long, Integer>> acked = new HashMap<>();
        long totalAcks = 0;
        long t0 = System.nanoTime();
        for (int run = 0; run < KILLS; run++) {
            int killAfter = random.nextInt(8) == 0 ? 0 : random.nextInt(3000);
            Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xshare:auto", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                    KillNineChild.class.getName(), dir.toString(), Integer.toString(run))
                    .redirectError(ProcessBuilder.Redirect.appendTo(childLog.toFile())).start();
            String why = "run " + run + " (kill after " + killAfter + " acks, seed " + SEED + ")";
            int acks = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = in.readLine();
                if (!"READY".equals(line)) {
                    child.waitFor(10, TimeUnit.SECONDS);
                    fail(why + ": the child did not start (exit " + (child.isAlive() ? "-" : child.exitValue())
                            + "), see " + childLog + ": " + tail(childLog));
                }
                boolean killed = false;
                while ((line = in.readLine()) != null) {
                    if (!killed && acks >= killAfter) {
                        // SIGKILL through the ProcessHandle: Process.destroyForcibly() would also close our end of
                        // the pipe and lose the acknowledgements still in it, which count.
                        child.toHandle().destroyForcibly();
                        killed = true;
                    }
                    if (line.startsWith("A ")) {
                        String[] f = line.split(" ");
                        if (f.length == 5) { // a line cut by the kill is not an acknowledgement
                            Integer prev = acked.computeIfAbsent(f[1] + "-" + f[2], k -> new HashMap<>())
                                    .put(Long.parseLong(f[3]), Integer.parseInt(f[4]));
                            if (prev != null && prev != Integer.parseInt(f[4])) {
                                fail(why + ": offset " + f[3] + " of " + f[1] + "-" + f[2] + " acknowledged twice");
                            }
                            acks++;
                            totalAcks++;
                        }
                    }
                }
                if (!killed) {
                    fail(why + ": the child exited on its own (exit " + child.waitFor() + "): " + tail(childLog));
                }
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), why + ": the child did not die");
            }
            verify(dir, acked, why);
        }
        System.out.printf("KillNineTest: %d kills, %d acknowledged records checked, %d ms (seed %d)%n", KILLS,
                totalAcks, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), SEED);
        assertTrue(totalAcks > KILLS * 100L, "too few acknowledgements to prove anything: " + totalAcks);
    }

    private static void verify(Path dir, Map<String, Map<Long, Integer>> acked, String why) {
        try (LocalLog log = LocalLog.open(dir)) {
            for (String t : KillNineChild.TOPICS) {
                if (!log.topics().containsKey(t)) {
                    assertTrue(acked.keySet().stream().noneMatch(k -> k.startsWith(t + "-")), why + ": topic " + t + " lost");
                    continue;
                }
                for (int p = 0; p < 2; p++) {
                    Map<Long, Integer> mine = acked.getOrDefault(t + "-" + p, Map.of());
                    PartitionInfo info = log.partitionInfo(t, p);
                    assertEquals(0, info.startOffset(), why);
                    Map<Long, Long> lastSeq = new HashMap<>(); // (run, thread) -> last seq
                    long expect = 0;
                    int found = 0;
                    try (LogReader r = log.reader(t, p, 0)) {
                        List<StoredRecord> got;
                        while (!(got = r.poll(5000, Duration.ZERO)).isEmpty()) {
                            for (StoredRecord s : got) {
                                if (s.offset() != expect) {
                                    fail(why + ": " + t + "-" + p + " offsets not dense at " + expect);
                                }
                                expect++;
                                String bad = KillNineChild.checkValue(s.value());
                                if (bad != null) {
                                    fail(why + ": " + s + " was never written by the child: " + bad);
                                }
                                ByteBuffer v = ByteBuffer.wrap(s.value());
                                long who = ((long) v.getInt(0) << 32) | v.getInt(4);
                                long seq = v.getLong(8);
                                Long prev = lastSeq.put(who, seq);
                                if (prev != null && prev >= seq) {
                                    fail(why + ": " + s + " out of its thread's order");
                                }
                                Integer h = mine.get(s.offset());
                                if (h != null) {
                                    found++;
                                    if (h != KillNineChild.hash(s.key(), s.value())) {
                                        fail(why + ": " + t + "-" + p + "@" + s.offset() + " is not what was acknowledged");
                                    }
                                }
                            }
                        }
                    }
                    assertEquals(info.endOffset(), expect, why);
                    if (found != mine.size()) {
                        List<Long> missing = new ArrayList<>();
                        for (long off : mine.keySet()) {
                            if (off >= expect) {
                                missing.add(off);
                            }
                        }
                        fail(why + ": " + (mine.size() - found) + " acknowledged records of " + t + "-" + p
                                + " lost, e.g. " + missing.subList(0, Math.min(5, missing.size())));
                    }
                }
            }
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no child log: " + e + ")";
        }
    }
}
