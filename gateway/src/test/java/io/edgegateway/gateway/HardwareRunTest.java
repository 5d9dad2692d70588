package io.edgegateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgegateway.gateway.state.StateStore;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.PartitionInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --config} for a Raspberry Pi 4, without {@code --simulate}, in a real gateway process on a
 * machine that has none of the board's hardware: the gateway starts and keeps answering {@code /healthz},
 * every device fails with its bus's clear error and is retried, nothing is stored, and SIGTERM stops it
 * cleanly without a stack trace.
 */
class HardwareRunTest {
    private static final List<String> ABSENT = List.of("/sys/class/gpio", "/dev/i2c-1", "/sys/bus/w1/devices",
            "/dev/serial/by-id/usb-u-blox_GNSS-if00");

    @TempDir
    Path dir;

    @Test
    void aPi4ConfigRunsWithEveryDeviceReportingWhatIsMissing() throws Exception {
        assumeTrue(ABSENT.stream().noneMatch(p -> Files.exists(Path.of(p))), "a machine without the board's buses");
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                gateway: {id: gw-pi4}
                board: raspberry-pi-4b
                devices:
                  - {id: door-contact, type: gpio-input, topic: io.gpio, options: {pin: 17, pull: up}}
                  - {id: door-reader, type: wiegand, topic: access.rfid, options: {d0: 5, d1: 6}}
                  - {id: hall-climate, type: bme280, topic: sensors.environment, options: {i2c-bus: 1}}
                  - {id: tank-temperature, type: ds18b20, topic: sensors.environment}
                  - {id: gps, type: nmea-gps, topic: sensors.environment,
                     options: {port: /dev/serial/by-id/usb-u-blox_GNSS-if00}}
                """);
        Path out = dir.resolve("out.txt");
        Path data = dir.resolve("data");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config",
                config.toString(), "--web-port", "0", "--boards", "../board-configs", "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        List<String> errors = List.of(
                "door-contact (gpio-input): UNAVAILABLE: GPIO chip 'pinctrl-bcm2711' not found: is this a Raspberry Pi"
                        + " 4 Model B? ls /dev/gpiochip* lists this machine's GPIO chips",
                "door-reader (wiegand): UNAVAILABLE: GPIO chip 'pinctrl-bcm2711' not found",
                "hall-climate (bme280): UNAVAILABLE: I2C bus 1: /dev/i2c-1 not found: enable I2C (raspi-config >"
                        + " Interface Options > I2C, or dtparam=i2c_arm=on in config.txt for bus 1) and reboot",
                "tank-temperature (ds18b20): UNAVAILABLE: 1-Wire folder /sys/bus/w1/devices not found (is the w1-gpio"
                        + " overlay enabled?)",
                "gps (nmea-gps): UNAVAILABLE: cannot open /dev/serial/by-id/usb-u-blox_GNSS-if00: serial port:"
                        + " /dev/serial/by-id/usb-u-blox_GNSS-if00 not found: is the adapter plugged in?");
        try {
            int port = webPort(out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!errors.stream().allMatch(read(out)::contains) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String text = read(out);
            for (String error : errors) {
                assertTrue(text.contains(error), "reported: " + error + "\n" + text);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(Pattern.compile("edge_device_restarts_total\\{device=\"hall-climate\"[^}]*} [1-9]")
                    .matcher(metrics).find(), metrics);
            p.destroy();  // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped within the bounded shutdown time");
        } finally {
            p.destroyForcibly();
        }
        String text = read(out);
        assertTrue(text.contains("stopped: 0 events appended, 0 dropped"), text);
        assertFalse(text.contains("\tat ") || text.contains("Exception in thread"), "no stack trace:\n" + text);
        try (LocalLog log = LocalLog.open(data)) {
            long stored = 0;
            for (String topic : log.topics().keySet()) {
                stored += log.partitions(topic).stream().mapToLong(PartitionInfo::endOffset).sum();
            }
            assertEquals(0, stored, "absent devices store nothing");
        }
        try (StateStore state = StateStore.open(data.resolve(RunCommand.STATE_FILE), java.time.Clock.systemUTC())) {
            assertTrue(state.inventory().devices().isEmpty(), "no device was seen");
        }
        try (Stream<Path> files = Files.list(data)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().equals("simulation")),
                    "nothing simulated was set up");
        }
    }

    /** Waits for the start line and returns the web port it names. */
    private static int webPort(Path out) throws Exception {
        Pattern started = Pattern.compile("health and metrics on http://[^:]+:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = started.matcher(read(out));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gateway did not start:\n" + read(out));
    }

    private static String read(Path out) throws java.io.IOException {
        return Files.readString(out);
    }
}
