package io.edgegateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** SQLite and the Kafka broker, measured in a second JVM (their memory is not the log's). */
final class OthersProcess {
    private final Path work;
    private final Results out;
    private final int rounds;
    private final long warmupMs;
    private final long measureMs;

    OthersProcess(Path work, Results out, int rounds, long warmupMs, long measureMs) {
        this.work = work;
        this.out = out;
        this.rounds = rounds;
        this.warmupMs = warmupMs;
        this.measureMs = measureMs;
    }

    void run(String java, String brokerClasspath) throws Exception {
        Files.createDirectories(work);
        Path db = work.resolve("bench.sqlite");
        KafkaBench kafka = brokerClasspath == null ? null : KafkaBench.start(work.resolve("kafka"), java, brokerClasspath);
        try {
            if (kafka != null) {
                System.out.println("== Kafka warm-up (not recorded)");
                for (int size : LogProcess.SIZES) {
                    kafka.produce("1", size, 500, 1000);
                }
            }
            for (int r = 1; r <= rounds; r++) {
                System.out.println("== round " + r + " of " + rounds);
                for (int size : LogProcess.SIZES) {
                    String s = LogBench.sizeName(size);
                    for (String sync : new String[] {"NORMAL", "FULL"}) {
                        for (int tx : new int[] {100, 1000}) {
                            Util.Rate rate = SqliteBench.insert(db, sync, tx, size, warmupMs, measureMs);
                            out.add("sqlite/" + s + "/" + sync.toLowerCase() + "/tx" + tx + "/t1", r, rate.perSecond(), "rec/s",
                                    0, 0, "WAL, synchronous=" + sync + ", " + tx + " rows per transaction");
                        }
                    }
                    if (kafka != null) {
                        for (String acks : new String[] {"1", "all"}) {
                            Util.Rate rate = kafka.produce(acks, size, warmupMs, measureMs);
                            out.add("kafka/" + s + "/acks" + acks + "/t1", r, rate.perSecond(), "rec/s", 0, 0,
                                    "1 producer thread, linger.ms=5, batch.size=64KiB, " + KafkaBench.PARTITIONS + " partitions");
                        }
                    }
                }
            }
            if (kafka != null) {
                out.scalar("mem/kafka-broker/VmRSS", kafka.brokerRssKb() / 1024.0, "MiB",
                        "broker child JVM after the produce rounds (-Xms1g -Xmx1g G1)");
            }
            System.out.println("== sequential reads");
            for (int size : LogProcess.SIZES) {
                String s = LogBench.sizeName(size);
                int rows = size < 1024 ? 1_000_000 : 200_000;
                for (int r = 1; r <= rounds; r++) {
                    out.add("read/sqlite/" + s + "/t1", r, SqliteBench.read(db, size, rows), "rec/s", 0, 0,
                            rows + " rows in id order");
                    if (kafka != null) {
                        out.add("read/kafka/" + s + "/t1", r, kafka.consumeAll(size), "rec/s", 0, 0,
                                "consumer, whole topic from the start");
                    }
                }
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }
}
