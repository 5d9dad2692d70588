package io.edgegateway.uplink;

import io.edgegateway.log.Durability;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogRecord;
import io.edgegateway.log.TopicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (item 9 of the uplink issue; run by {@code benchmarks/run-uplink-bench.sh}, never by
 * {@code mvn verify}): drains a backlog of N events of S bytes from the local log to a loopback broker, in
 * exactly-once and at-least-once mode, and runs Kafka's own {@code ProducerPerformance} against the same
 * broker in the same run with the same producer settings (acks=all, idempotence, lz4, linger.ms=5,
 * batch.size=262144): after a warm-up, two rounds of ProducerPerformance, exactly-once drain, at-least-once
 * drain, each into a topic of its own; the means are compared. Events are like ProducerPerformance's:
 * no key, a value of random upper-case letters. The uplink adds its four edge headers to each event;
 * ProducerPerformance sends none. Results go to stdout and {@code target/uplink-bench/results.txt}.
 *
 * <p>Arguments: {@code [records] [recordBytes]}, default 1000000 and 200.
 */
public final class UplinkBench {
    static final Map<String, String> PRODUCER = Map.of("acks", "all", "enable.idempotence", "true",
            "compression.type", "lz4", "linger.ms", "5", "batch.size", "262144", "max.block.ms", "10000");

    private UplinkBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path root = Path.of("target", "uplink-bench").toAbsolutePath();
        deleteTree(root);
        Files.createDirectories(root);
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "records=%d size=%d cores=%d java=%s", records, size,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        try (ChildKafka broker = new ChildKafka(root.resolve("broker"), 0, Map.of())) {
            String bs = broker.bootstrap();
            int rounds = 2;
            for (int r = 1; r <= rounds; r++) {
                for (String t : List.of("bench.pp" + r, "bench.eos" + r, "bench.alo" + r)) {
                    InJvmKafka.createTopic(bs, t, 1, Map.of());
                }
            }
            InJvmKafka.createTopic(bs, "bench.warmup", 1, Map.of());
            // The offsets topic exists on a real cluster; creating it is not part of draining.
            InJvmKafka.createTopic(bs, "edge.uplink.offsets", 3, Map.of("cleanup.policy", "compact"));
            Path logDir = root.resolve("log");
            long fillStart = System.nanoTime();
            fill(logDir, records, size);
            out.add(String.format(Locale.ROOT, "local log filled with %d events in %.1f s (not measured below)",
                    records, (System.nanoTime() - fillStart) / 1e9));

            // Warm-up, not measured: JIT in the broker, and the transaction state log, which a cluster creates
            // once, at its first transaction.
            producerPerformance(bs, "bench.warmup", records / 2, size, root, new ArrayList<>(), List.of());
            producerPerformance(bs, "bench.warmup", 10_000, size, root, new ArrayList<>(),
                    List.of("--transactional-id", "bench-warmup", "--transaction-duration-ms", "1000"));

            double pp = 0;
            double eos = 0;
            double alo = 0;
            for (int r = 1; r <= rounds; r++) {
                out.add("round " + r);
                pp += producerPerformance(bs, "bench.pp" + r, records, size, root, out, List.of());
                eos += drain(logDir, bs, "exactly-once", "bench.eos" + r, records, out, r);
                alo += drain(logDir, bs, "at-least-once", "bench.alo" + r, records, out, r);
            }
            pp /= rounds;
            eos /= rounds;
            alo /= rounds;
            out.add(String.format(Locale.ROOT, "mean of %d rounds: ProducerPerformance %.0f records/s", rounds, pp));
            out.add(String.format(Locale.ROOT, "exactly-once:  %.0f records/s = %.0f %% of ProducerPerformance (target >= 70 %%)",
                    eos, 100 * eos / pp));
            out.add(String.format(Locale.ROOT, "at-least-once: %.0f records/s = %.0f %% of ProducerPerformance (target >= 85 %%)",
                    alo, 100 * alo / pp));
        }
        out.forEach(System.out::println);
        Files.write(root.resolve("results.txt"), out);
    }

    private static void fill(Path dir, int records, int size) {
        Random random = new Random(1);
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("bench").partitions(1).durability(Durability.OS)
                    .segmentBytes(256L << 20).build());
            List<LogRecord> batch = new ArrayList<>(1000);
            for (int i = 0; i < records; i++) {
                byte[] v = new byte[size];
                for (int j = 0; j < size; j++) {
                    v[j] = (byte) ('A' + random.nextInt(26));
                }
                batch.add(new LogRecord(null, v, System.currentTimeMillis()));
                if (batch.size() == 1000) {
                    log.appendBatch("bench", batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                log.appendBatch("bench", batch);
            }
            log.flush();
        }
    }

    /** Drains the whole local topic with a new cursor; records per second from start() to the last commit. */
    private static double drain(Path logDir, String bs, String mode, String central, int records, List<String> out,
            int round) throws Exception {
        try (LocalLog log = LocalLog.open(logDir)) {
            Map<String, String> o = new HashMap<>();
            o.put("gateway.id", "bench-" + mode + "-" + round);
            o.put("topics", "bench");
            o.put("mode", mode);
            o.put("central.topic", central);
            o.put("cursor.name", "bench-" + mode + "-" + round);
            o.put("offsets.topic.replication.factor", "1");
            o.put("kafka.bootstrap.servers", bs);
            PRODUCER.forEach((k, v) -> {
                if (!UplinkOptions.RESERVED_KAFKA.contains(k)) {
                    o.put("kafka." + k, v);
                }
            });
            long start = System.nanoTime();
            long firstCommit = -1;
            long firstCommitEvents = 0;
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                while (true) {
                    UplinkStatus s = u.status();
                    if (firstCommit < 0 && s.forwardedEvents() > 0) {
                        firstCommit = System.nanoTime();
                        firstCommitEvents = s.forwardedEvents();
                    }
                    if (s.forwardedEvents() >= records) {
                        break;
                    }
                    Thread.sleep(5);
                }
                long end = System.nanoTime();
                UplinkStatus s = u.status();
                double perSecond = records / ((end - start) / 1e9);
                double steady = (records - firstCommitEvents) / ((end - firstCommit) / 1e9);
                out.add(String.format(Locale.ROOT,
                        "uplink %s: %d events in %.2f s = %.0f records/s (%.0f records/s after the first commit;"
                                + " %d transactions/batches, %.1f MB with edge headers)",
                        mode, records, (end - start) / 1e9, perSecond, steady, s.transactionsCommitted(),
                        s.forwardedBytes() / 1e6));
                return perSecond;
            }
        }
    }

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    private static double producerPerformance(String bs, String topic, int records, int size, Path root,
            List<String> out, List<String> extraArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx1g", "-cp", ChildJvm.classPath(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                Integer.toString(records), "--record-size", Integer.toString(size), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bs));
        PRODUCER.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(extraArgs);
        Path log = root.resolve(topic + "-" + records + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance did not finish; see " + log);
        }
        String text = Files.readString(log);
        Matcher m = SUMMARY.matcher(text);
        String last = null;
        double perSecond = -1;
        while (m.find()) {
            last = m.group();
            perSecond = Double.parseDouble(m.group(2));
        }
        if (perSecond < 0) {
            throw new IllegalStateException("no summary in ProducerPerformance output " + log);
        }
        String summary = last;
        String line = text.lines().filter(l -> l.contains(summary) && l.contains("ms avg latency"))
                .reduce((a, b) -> b).orElse(summary);
        out.add("ProducerPerformance " + topic + ": " + line.trim());
        out.add("  command: " + String.join(" ", cmd.subList(cmd.indexOf("org.apache.kafka.tools.ProducerPerformance"),
                cmd.size())));
        return perSecond;
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }
}
