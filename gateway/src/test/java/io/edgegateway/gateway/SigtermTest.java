package io.edgegateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.log.LocalLog;
import io.edgegateway.log.PartitionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway process under load gets SIGTERM: it must stop within the bounded time, and after it every
 * event it reported as appended (acknowledged by the log) is in the log, and nothing else is.
 */
class SigtermTest {
    @TempDir
    Path dir;

    @Test
    void everythingAcknowledgedBeforeSigtermIsInTheLog() throws Exception {
        Path out = dir.resolve("out.txt");
        Path data = dir.resolve("data");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--simulate",
                "--rate", "2000", "--web-port", "0", "--boards", "../board-configs", "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(out).contains("events/s") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_500);
            p.destroy();  // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped within the bounded shutdown time");
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(out);
        Matcher m = Pattern.compile("stopped: (\\d+) events appended, (\\d+) dropped").matcher(text);
        assertTrue(m.find(), text);
        long acknowledged = Long.parseLong(m.group(1));
        assertTrue(acknowledged > 1_000, "the load was running: " + acknowledged);
        long stored = 0;
        try (LocalLog log = LocalLog.open(data)) {
            for (String topic : log.topics().keySet()) {
                stored += log.partitions(topic).stream().mapToLong(PartitionInfo::endOffset).sum();
            }
        }
        assertEquals(acknowledged, stored, "the log holds exactly the acknowledged events");
    }
}
