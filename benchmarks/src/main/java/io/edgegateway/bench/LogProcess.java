package io.edgegateway.bench;

import io.edgegateway.log.Durability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Everything measured in the log's own JVM (started with a small heap so its resident memory means
 * something): the calibration writer, raw write+force, local-log appends and reads, in rounds so each
 * case is measured several times at different moments; then recovery and heap probes in child JVMs, and
 * finally this process's own resident memory.
 */
final class LogProcess {
    static final int[] SIZES = {100, 1024};
    static final int[] THREADS = {1, 4, 16};

    private final Path work;
    private final Results out;
    private final int rounds;
    private final long warmupMs;
    private final long measureMs;
    private final List<String> childJvm;
    /** {@code -Dbench.only=REGEX}: run only the append cases whose id matches, for a quick paired look. */
    private final Pattern only;

    LogProcess(Path work, Results out, int rounds, long warmupMs, long measureMs, List<String> childJvm) {
        this.work = work;
        this.out = out;
        this.rounds = rounds;
        this.warmupMs = warmupMs;
        this.measureMs = measureMs;
        this.childJvm = childJvm;
        String regex = System.getProperty("bench.only", ".*");
        try {
            this.only = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("-Dbench.only=" + regex + " is not a regular expression: "
                    + e.getDescription(), e);
        }
    }

    /** flushIntervalBytes for about 1,000 records per fsync: the encoded record is value + ~9 bytes. */
    static long thousandRecords(int valueSize) {
        return 1000L * (valueSize + (valueSize < 128 ? 9 : 10));
    }

    void run(boolean skipRecovery) throws Exception {
        Files.createDirectories(work);
        String sections = System.getProperty("bench.sections", "append,read,recovery,heap");
        boolean append = sections.contains("append");
        if (append) {
            appendRounds();
        }
        if (sections.contains("read")) {
            readCases();
        }
        if (!skipRecovery && sections.contains("recovery")) {
            recovery();
        }
        if (sections.contains("heap")) {
            heapProbes();
        }
        // Paths relative to the project, so the saved table names no directory of the machine it ran on.
        String flags = String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                .replace(Path.of("").toAbsolutePath() + "/", "");
        out.scalar("mem/log-process/VmRSS", Util.procStatusKb("self", "VmRSS") / 1024.0, "MiB",
                "this JVM at the end: " + flags);
        out.scalar("mem/log-process/VmHWM", Util.procStatusKb("self", "VmHWM") / 1024.0, "MiB", "peak");
    }

    private void appendRounds() throws Exception {
        System.out.println("== JIT warm-up (not recorded)");
        for (int size : SIZES) {
            for (LogBench.Api api : LogBench.Api.values()) {
                LogBench.append(work.resolve("warm"), new LogBench.Case(size, Durability.OS, 0, 4, api), 100, 300);
            }
            Calibration.lock(work.resolve("warm.cal"), 4, size, 0, 100, 300);
            Calibration.handoff(work.resolve("warm.cal"), 4, size, 0, 100, 300);
        }
        Files.deleteIfExists(work.resolve("warm.cal"));
        for (int r = 1; r <= rounds; r++) {
            System.out.println("== round " + r + " of " + rounds);
            for (int size : SIZES) {
                calibrationCases(size, r);
                logCases(size, r);
            }
        }
    }

    private void calibrationCases(int size, int round) throws Exception {
        String s = LogBench.sizeName(size);
        Path f = work.resolve("calibration.dat");
        rec("cal/" + s + "/single/nosync/t1", round, () -> Calibration.lock(f, 1, size, 0, warmupMs, measureMs), size);
        for (int sync : new int[] {0, 1000}) {
            String sn = sync == 0 ? "nosync" : "sync1000";
            rec("cal/" + s + "/lock/" + sn + "/t4", round, () -> Calibration.lock(f, 4, size, sync, warmupMs, measureMs), size);
            rec("cal/" + s + "/handoff/" + sn + "/t4", round,
                    () -> Calibration.handoff(f, 4, size, sync, warmupMs, measureMs), size);
        }
        Files.deleteIfExists(f);
    }

    /** One timed calibration case. */
    private interface Timed {
        Util.Rate run() throws Exception;
    }

    /** Runs and records a calibration case, if {@code bench.only} selects it. */
    private void rec(String id, int round, Timed c, int valueSize) throws Exception {
        if (selected(id)) {
            out.add(id, round, c.run().perSecond(), "rec/s", Calibration.HEADER + valueSize, 0, null);
        }
    }

    private boolean selected(String id) {
        return only.matcher(id).matches();
    }

    private void logCases(int size, int round) throws Exception {
        List<LogBench.Case> cases = new ArrayList<>();
        for (Durability d : new Durability[] {Durability.OS, Durability.INTERVAL, Durability.ALWAYS}) {
            for (int t : THREADS) {
                for (LogBench.Api api : LogBench.Api.values()) {
                    cases.add(new LogBench.Case(size, d, 0, t, api));
                }
            }
        }
        for (LogBench.Api api : LogBench.Api.values()) {
            cases.add(new LogBench.Case(size, Durability.INTERVAL, thousandRecords(size), 4, api));
        }
        Path dir = work.resolve("log");
        Path raw = work.resolve("raw.dat");
        cases.removeIf(c -> !selected(c.id()));
        for (LogBench.Case c : cases) {
            LogBench.Outcome o = LogBench.append(dir, c, warmupMs, measureMs);
            out.add(c.id(), round, o.rate().perSecond(), "rec/s", o.bytesPerRecord(), o.bytesPerFsync(),
                    String.format(java.util.Locale.ROOT, "%.0f records/fsync", o.recordsPerFsync()));
            boolean pairedRaw = c.durability() == Durability.ALWAYS || c.flushIntervalBytes() > 0
                    || (c.durability() == Durability.OS && c.api() == LogBench.Api.ASYNC && c.threads() == 4);
            if (pairedRaw) {
                // The disk's limit at the spacing this very case achieved (no fsync for os).
                double bpf = c.durability() == Durability.OS ? 0 : o.bytesPerFsync();
                Util.Rate rr = RawDisk.run(raw, (int) Math.round(o.bytesPerRecord()), bpf, warmupMs, measureMs);
                out.add("raw/" + c.id().substring(4), round, rr.perSecond(), "rec/s", Math.round(o.bytesPerRecord()), bpf,
                        "paired with " + c.id());
                Files.deleteIfExists(raw);
            }
        }
    }

    private void readCases() throws Exception {
        System.out.println("== sequential reads");
        for (int size : SIZES) {
            String s = LogBench.sizeName(size);
            long records = size < 1024 ? 4_000_000 : 500_000;
            Path dir = work.resolve("read");
            LogBench.fill(dir, size, records);
            Path cal = work.resolve("read.cal");
            Calibration.writeFile(cal, records, size);
            for (int r = 1; r <= rounds; r++) {
                out.add("read/log/" + s + "/t1", r, LogBench.read(dir), "rec/s", 0, 0, records + " records, page cache warm");
                out.add("read/cal/" + s + "/t1", r, Calibration.readBack(cal, size), "rec/s", 0, 0,
                        records + " records, page cache warm");
            }
            Util.deleteTree(dir);
            Files.deleteIfExists(cal);
        }
    }

    private Process child(List<String> jvmFlags, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(childJvm.get(0));
        cmd.addAll(jvmFlags);
        cmd.addAll(childJvm.subList(1, childJvm.size()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static Map<String, String> readKeyValues(Process p, long timeoutSec) throws Exception {
        Map<String, String> m = new HashMap<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = br.readLine()) != null) {
                all.append(line).append('\n');
                int eq = line.indexOf('=');
                if (eq > 0 && !line.contains(" ")) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                } else if (line.equals("OK")) {
                    m.put("OK", "true");
                }
            }
        }
        if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        m.put("_exit", String.valueOf(p.exitValue()));
        m.put("_output", all.toString());
        return m;
    }

    /**
     * A child JVM appends to a 1 GiB log and is killed with SIGKILL while appending; a fresh JVM then opens
     * it: once with the files in the page cache (a copy of the crashed directory) and once with the page
     * cache dropped for them (after sync; dd iflag=nocache), like a reboot.
     */
    private void recovery() throws Exception {
        System.out.println("== recovery of a 1 GiB log after kill -9");
        List<String> flags = List.of("-Xmx32m", "-XX:+UseSerialGC");
        Path dir = work.resolve("crashed");
        Path copy = work.resolve("crashed-copy");
        for (int r = 1; r <= rounds; r++) {
            Process w = child(flags, "crash-writer", dir.toString(), Long.toString(1L << 30));
            BufferedReader br = new BufferedReader(new InputStreamReader(w.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = br.readLine()) != null && !line.startsWith("READY")) {
                System.out.println("  writer: " + line);
            }
            Thread.sleep(200);
            w.destroyForcibly(); // SIGKILL, in the middle of appends
            w.waitFor();
            Util.deleteTree(copy);
            run("cp", "-r", dir.toString(), copy.toString());
            Map<String, String> warm = readKeyValues(child(flags, "recovery-open", copy.toString()), 120);
            Util.deleteTree(copy);
            run("sync");
            String cold = "page cache dropped";
            try (var s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    run("dd", "if=" + p, "iflag=nocache", "count=0", "status=none");
                }
            }
            String resident = runOut("sh", "-c", "fincore -b -n -o RES " + dir + "/topics/rec/*/*.log | awk '{s+=$1} END {print s+0}'");
            cold += " (" + resident.trim() + " bytes of .log still cached)";
            Map<String, String> coldKv = readKeyValues(child(flags, "recovery-open", dir.toString()), 120);
            for (Map<String, String> kv : List.of(warm, coldKv)) {
                if (!kv.containsKey("OPEN_MS")) {
                    throw new IllegalStateException("recovery-open failed:\n" + kv.get("_output"));
                }
            }
            String note = "records=" + warm.get("RECORDS") + " bytes=" + warm.get("BYTES") + " segments="
                    + warm.get("SEGMENTS") + " cuts=" + warm.get("CUTS") + " cutBytes=" + warm.get("CUT_BYTES")
                    + " heapAfterGc=" + warm.get("HEAP") + " rssKiB=" + warm.get("RSS_KB");
            out.add("recovery/1GiB/warm", r, Double.parseDouble(warm.get("OPEN_MS")), "ms", 0, 0, note);
            out.add("recovery/1GiB/cold", r, Double.parseDouble(coldKv.get("OPEN_MS")), "ms", 0, 0, cold + "; cuts="
                    + coldKv.get("CUTS"));
            Util.deleteTree(dir);
        }
    }

    /** The smallest -Xmx that runs the 10 x 4 workload, and heap after GC at two log sizes. */
    private void heapProbes() throws Exception {
        System.out.println("== heap probes (10 topics x 4 partitions)");
        Path dir = work.resolve("heap");
        int needed = -1;
        for (int mb : new int[] {6, 8, 12, 16, 24, 32}) {
            Map<String, String> kv = readKeyValues(child(List.of("-Xmx" + mb + "m", "-XX:+UseSerialGC"), "heap-probe",
                    dir.toString(), "256"), 300);
            System.out.println("  -Xmx" + mb + "m: " + (kv.containsKey("OK") ? "ok" : "failed (exit " + kv.get("_exit") + ")"));
            if (kv.containsKey("OK")) {
                needed = mb;
                break;
            }
        }
        out.scalar("mem/heap-needed/10x4/256MiB", needed, "MiB -Xmx", "smallest -Xmx (of 6,8,12,16,24,32 MiB, SerialGC)"
                + " that appends 256 MiB to 10 topics x 4 partitions from 4 threads and reads it all back");
        for (long mb : new long[] {64, 1024}) {
            Map<String, String> kv = readKeyValues(child(List.of("-Xmx32m", "-XX:+UseSerialGC"), "heap-probe",
                    dir.toString(), Long.toString(mb)), 600);
            if (!kv.containsKey("OK")) {
                throw new IllegalStateException("heap probe failed:\n" + kv.get("_output"));
            }
            out.scalar("mem/heap-after-gc/10x4/" + mb + "MiB", Long.parseLong(kv.get("HEAP_FULL")) / 1048576.0, "MiB",
                    "empty " + mb(kv.get("HEAP_EMPTY")) + " MiB, after reading all back " + mb(kv.get("HEAP_AFTER_READ"))
                            + " MiB; stored " + mb(kv.get("STORED")) + " MiB in " + kv.get("SEGMENTS") + " segments; RSS "
                            + Long.parseLong(kv.get("RSS_KB")) / 1024 + " MiB, peak " + Long.parseLong(kv.get("HWM_KB")) / 1024
                            + " MiB (-Xmx32m)");
        }
    }

    private static String mb(String bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", Long.parseLong(bytes) / 1048576.0);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }

    private static String runOut(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return s;
    }
}
