package io.edgegateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's entry point; {@code benchmarks/run-log-bench.sh} runs it in three steps:
 *
 * <pre>
 *   log    WORK RESULTS           local-log, calibration writer, raw write+force, reads, recovery, heap (small-heap JVM)
 *   others WORK RESULTS BROKERCP  SQLite and a Kafka broker in a child JVM (BROKERCP: file with its classpath, or "none")
 *   report RESULTS...             prints the table and the targets
 * </pre>
 *
 * System properties: {@code bench.rounds} (3), {@code bench.warmupMs} (300), {@code bench.measureMs} (1000),
 * {@code bench.skipRecovery} (false). The child-JVM modes {@code crash-writer}, {@code recovery-open} and
 * {@code heap-probe} are used by the log step.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        long warmup = Long.getLong("bench.warmupMs", 300);
        long measure = Long.getLong("bench.measureMs", 1000);
        switch (args[0]) {
            case "log" -> {
                List<String> child = new ArrayList<>();
                child.add(ProcessHandle.current().info().command().orElse("java"));
                child.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
                child.add("-cp");
                child.add(System.getProperty("java.class.path"));
                child.add(Bench.class.getName());
                new LogProcess(Path.of(args[1]), new Results(Path.of(args[2])), rounds, warmup, measure, child)
                        .run(Boolean.getBoolean("bench.skipRecovery"));
                System.exit(0);
            }
            case "others" -> {
                String cp = args[3].equals("none") ? null : Files.readString(Path.of(args[3])).trim();
                new OthersProcess(Path.of(args[1]), new Results(Path.of(args[2])), rounds, warmup, measure)
                        .run(ProcessHandle.current().info().command().orElse("java"), cp);
                System.exit(0);
            }
            case "report" -> {
                List<Path> files = new ArrayList<>();
                for (int i = 1; i < args.length; i++) {
                    files.add(Path.of(args[i]));
                }
                System.out.print(new Report(files).render());
            }
            case "case" -> {
                // One local-log append case, for profiling: case WORK SIZE POLICY THREADS API [flushIntervalBytes]
                io.edgegateway.log.Durability d = io.edgegateway.log.Durability.valueOf(args[3].toUpperCase());
                long fib = args.length > 6 ? Long.parseLong(args[6]) : 0;
                LogBench.Case c = new LogBench.Case(Integer.parseInt(args[2]), d, fib, Integer.parseInt(args[4]),
                        LogBench.Api.valueOf(args[5].toUpperCase()));
                for (int r = 1; r <= rounds; r++) {
                    LogBench.Outcome o = LogBench.append(Path.of(args[1]), c, warmup, measure);
                    System.out.printf(java.util.Locale.ROOT, "%s round %d: %,.0f rec/s, %.0f cpu-ns/rec, %.0f B/fsync, %.0f rec/fsync%n",
                            c.id(), r, o.rate().perSecond(), o.rate().cpuNanosPerRecord(), o.bytesPerFsync(), o.recordsPerFsync());
                }
                System.out.printf("VmRSS %d KiB, VmHWM %d KiB%n", Util.procStatusKb("self", "VmRSS"), Util.procStatusKb("self", "VmHWM"));
                System.exit(0);
            }
            case "cal" -> {
                // The calibration writer alone: cal WORK SIZE THREADS lock|handoff SYNCEVERY
                for (int r = 1; r <= rounds; r++) {
                    Path f = Path.of(args[1]);
                    int size = Integer.parseInt(args[2]);
                    int threads = Integer.parseInt(args[3]);
                    int sync = Integer.parseInt(args[5]);
                    Util.Rate rate = args[4].equals("lock") ? Calibration.lock(f, threads, size, sync, warmup, measure)
                            : Calibration.handoff(f, threads, size, sync, warmup, measure);
                    System.out.printf(java.util.Locale.ROOT, "cal %s %d threads sync %d round %d: %,.0f rec/s, %.0f cpu-ns/rec%n", args[4],
                            threads, sync, r, rate.perSecond(), rate.cpuNanosPerRecord());
                }
                System.exit(0);
            }
            case "crash-writer" -> Children.crashWriter(Path.of(args[1]), Long.parseLong(args[2]));
            case "recovery-open" -> {
                Children.recoveryOpen(Path.of(args[1]));
                System.exit(0);
            }
            case "heap-probe" -> {
                Children.heapProbe(Path.of(args[1]), Long.parseLong(args[2]));
                System.exit(0);
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
