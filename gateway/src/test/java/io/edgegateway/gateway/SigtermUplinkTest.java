package io.edgegateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgegateway.log.LocalLog;
import io.edgegateway.log.PartitionInfo;
import io.edgegateway.uplink.CentralCluster;
import io.edgegateway.uplink.Uplink;
import io.edgegateway.uplink.UplinkOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway process forwarding under load gets SIGTERM: it closes the uplink (committing or aborting its
 * transaction) before the log, within the bounded shutdown time; an uplink started afterwards on the same log
 * brings the central cluster to every stored event exactly once.
 */
class SigtermUplinkTest {
    @TempDir
    Path dir;

    @Test
    void sigtermClosesTheUplinkBeforeTheLogAndNothingIsForwardedTwice() throws Exception {
        CentralCluster central = CentralCluster.shared();
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                gateway: {id: gw-term}
                board: laptop-sim
                uplink:
                  central.topic: gw-term.${topic}
                  create.topics: true
                  batch.max.records: 200
                  kafka: {bootstrap.servers: '%s'}
                """.formatted(central.bootstrap()));
        Path out = dir.resolve("out.txt");
        Path data = dir.resolve("data");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--simulate",
                "--config", config.toString(), "--rate", "1000", "--web-port", "0", "--boards", "../board-configs",
                "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("-> ONLINE")) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    fail("the uplink never came online:\n" + Files.readString(out));
                }
                Thread.sleep(100);
            }
            Thread.sleep(1_500);
            p.destroy();  // SIGTERM
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "stopped within the bounded shutdown time");
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(out);
        int closed = text.indexOf("uplink closed in");
        int stopped = text.indexOf("\nstopped: ");
        assertTrue(closed > 0 && stopped > closed, "the uplink closes before the gateway reports it stopped:\n" + text);
        Matcher m = Pattern.compile("uplink stopped: (\\d+) events forwarded").matcher(text);
        assertTrue(m.find() && Long.parseLong(m.group(1)) > 0, "it was forwarding:\n" + text);

        try (LocalLog log = LocalLog.open(data)) {
            List<String> topics = List.copyOf(log.topics().keySet());
            Map<String, String> central2 = new LinkedHashMap<>();
            topics.forEach(t -> central2.put(t, "gw-term." + t));
            try (Uplink again = Uplink.start(log, UplinkOptions.parse(Map.of("gateway.id", "gw-term",
                    "topics", String.join(",", topics), "central.topic", "gw-term.${topic}", "create.topics", "true",
                    "kafka.bootstrap.servers", central.bootstrap())))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                // The local cursor never runs ahead of the central positions, so an empty backlog means all is sent.
                while (again.status().backlogEvents() > 0) {
                    if (System.nanoTime() > deadline) {
                        fail("not drained: " + again.status());
                    }
                    Thread.sleep(50);
                }
            }
            long total = stored(log);
            deadline(() -> central.read(central2.values()).size() >= total, 30);
            assertEquals(total, central.verifyExactlyOnce(log, central2, "gw-term"));
        }
    }

    private static long stored(LocalLog log) {
        long n = 0;
        for (String t : log.topics().keySet()) {
            n += log.partitions(t).stream().mapToLong(PartitionInfo::endOffset).sum();
        }
        return n;
    }

    private static void deadline(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }
}
