package io.edgegateway.gateway;

import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.drivers.sim.MosquittoBroker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.gateway.state.AuditEntry;
import io.edgegateway.gateway.state.ConfigRevision;
import io.edgegateway.gateway.state.StateStore;
import io.edgegateway.gateway.wiring.DeviceSimulators;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogReader;
import io.edgegateway.log.StoredRecord;
import io.edgegateway.log.LogRecord;
import io.edgegateway.log.TopicConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    /** Runs the command line in-process and returns exit code, stdout and stderr. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void simulatedRunAppendsEventsToEveryDefaultTopic() {
        Result r = run("run", "--web-port", "0", "--simulate", "--data-dir", dir.toString(), "--rate", "2000",
                "--duration", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("events/s"), r.out());
        try (LocalLog log = LocalLog.openReadOnly(dir)) {
            for (TopicConfig c : DefaultTopics.all()) {
                long total = log.partitions(c.name()).stream().mapToLong(p -> p.endOffset()).sum();
                assertTrue(total > 0, c.name() + " has events");
            }
        }
        Result topics = run("log", "topics", "--data-dir", dir.toString());
        assertEquals(0, topics.code(), topics.err());
        assertTrue(topics.out().contains("access.rfid"), topics.out());
        assertTrue(topics.out().contains("always"), topics.out());
    }

    private static Map<String, Long> eventsByKey(Path dir, String topic) {
        Map<String, Long> byKey = new TreeMap<>();
        try (LocalLog log = LocalLog.openReadOnly(dir)) {
            for (int p = 0; p < log.topicConfig(topic).partitions(); p++) {
                try (LogReader r = log.reader(topic, p, 0)) {
                    List<StoredRecord> got;
                    while (!(got = r.poll(1000, Duration.ZERO)).isEmpty()) {
                        got.forEach(rec -> byKey.merge(new String(rec.key(), StandardCharsets.UTF_8), 1L, Long::sum));
                    }
                }
            }
        }
        return byKey;
    }

    @Test
    void simulateRunsARealDriverOfEveryTypeOnASimulatedChip() {
        Result r = run("run", "--web-port", "0", "--simulate", "--boards", "../board-configs", "--data-dir",
                dir.toString(), "--duration", "4");
        assertEquals(0, r.code(), r.err());
        List<String> withDriver = BuiltInDrivers.registry().types().stream().map(t -> t.name())
                .filter(DeviceSimulators.SIMULATED_TYPES::contains).toList();
        assertEquals(DeviceSimulators.SIMULATED_TYPES.size(), withDriver.size(), "every simulator has a driver");
        // Without a broker binary the generated config leaves the mqtt-subscriber out (and says so).
        List<String> simulated = withDriver.stream()
                .filter(t -> MosquittoBroker.binary().isPresent() || !t.equals("mqtt-subscriber")).toList();
        assertTrue(r.out().contains(simulated.size() + " devices"), r.out());
        assertTrue(r.out().matches("(?s).*health and metrics on http://127\\.0\\.0\\.1:[1-9][0-9]*\\n.*"), r.out());
        Map<String, Long> events = new TreeMap<>();
        for (String topic : List.of(DefaultTopics.ENVIRONMENT, DefaultTopics.RFID, DefaultTopics.GPIO)) {
            events.putAll(eventsByKey(dir, topic));
        }
        for (String type : simulated) {
            assertTrue(events.getOrDefault("sim-" + type, 0L) >= 1,
                    "the simulated " + type + " produced an event within seconds: " + events);
        }
    }

    @Test
    void runWithAConfigAppliesEditsWhileRunning() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                gateway: {id: gw-test}
                board: laptop-sim
                devices:
                  - {id: hall, type: bme280, topic: sensors.environment, options: {period: 1}}
                """);
        Path data = dir.resolve("data");
        CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> run("run", "--web-port", "0",
                "--simulate", "--config", config.toString(), "--data-dir", data.toString(), "--duration", "5",
                "--config-check", "1"));
        Thread.sleep(1_500);
        Files.writeString(config, """
                gateway: {id: gw-test}
                board: laptop-sim
                devices:
                  - {id: hall, type: bme280, topic: sensors.environment, options: {period: 1}}
                  - {id: attic, type: bme280, topic: sensors.environment, options: {address: 0x77, period: 1}}
                """);
        Result r = running.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        Map<String, Long> byKey = eventsByKey(data, DefaultTopics.ENVIRONMENT);
        assertTrue(byKey.getOrDefault("hall", 0L) >= 4, byKey.toString());
        assertTrue(byKey.getOrDefault("attic", 0L) >= 1, "the device added by the edit ran: " + byKey);
        try (StateStore state = StateStore.open(data.resolve(RunCommand.STATE_FILE), java.time.Clock.systemUTC())) {
            assertEquals(List.of(2L, 1L), state.revisions().history(10).stream().map(ConfigRevision::revision).toList());
            assertTrue(state.revisions().diff(1, 2).contains("+   - {id: attic, type: bme280, topic: sensors.environment, "
                    + "options: {address: 0x77, period: 1}}"), state.revisions().diff(1, 2).toString());
            assertEquals(List.of("attic", "hall"), state.inventory().devices().stream()
                    .map(io.edgegateway.gateway.state.Inventory.Device::deviceId).toList());
            assertTrue(state.inventory().device("hall").orElseThrow().lastValue().contains("temperature_c"));
            // A machine whose clock is synchronized also audits that; it does not depend on the test.
            assertEquals(List.of("start", "config-applied", "config-applied", "stop"), state.audit().since(0, 10)
                    .stream().map(AuditEntry::action).filter(a -> !a.equals("clock-synchronized")).toList());
        }
    }

    @Test
    void anInvalidConfigStartsNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "board: laptop-sim\nweb: {port: 0}\n");
        Result r = run("run", "--web-port", "0", "--simulate", "--config", config.toString(), "--data-dir",
                dir.resolve("d").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("gateway.yaml:2:13: web.port: 0 is out of range"), r.err());
        assertTrue(r.err().endsWith("gateway.yaml: 1 problem; nothing was started\n"), r.err());
        assertTrue(Files.notExists(dir.resolve("d")), "no log directory was created");
    }

    @Test
    void theLaptopBoardWithoutSimulateAsksForIt() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                board: laptop-sim
                devices:
                  - {id: hall, type: bme280, topic: sensors.environment}
                """);
        Result r = run("run", "--web-port", "0", "--config", config.toString(), "--boards", "../board-configs",
                "--data-dir", dir.resolve("d").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().endsWith("gateway.yaml: board laptop-sim is simulated (pi4j.gpio-provider: mock) and has no"
                + " GPIO, I2C, SPI or serial hardware: add --simulate to run the configured devices against simulated"
                + " chips, or name the real board in 'board:'; nothing was started\n"), r.err());
        assertTrue(Files.notExists(dir.resolve("d")), "no log directory was created");
        Result noBoards = run("run", "--web-port", "0", "--config", config.toString(), "--boards",
                dir.resolve("none").toString(), "--data-dir", dir.resolve("d").toString());
        assertEquals(1, noBoards.code());
        assertTrue(noBoards.err().contains("running on hardware needs the board configs, and there is no folder "
                + dir.resolve("none") + "; point --boards at it; nothing was started"), noBoards.err());
        assertTrue(Files.notExists(dir.resolve("d")), "no log directory was created");
    }

    @Test
    void aDeviceOnADisabledBusIsRefusedBeforeTheHardwareIsTouched() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                board: raspberry-pi-4b
                devices:
                  - {id: badge, type: mfrc522, topic: access.rfid}
                """);
        Result r = run("run", "--web-port", "0", "--config", config.toString(), "--boards", "../board-configs",
                "--data-dir", dir.resolve("d").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("device 'badge' needs bus spi-0 (pins [7, 8, 9, 10, 11]), which is not enabled on"
                + " raspberry-pi-4b"), r.err());
        assertTrue(r.err().endsWith("nothing was started\n"), r.err());
        assertTrue(Files.notExists(dir.resolve("d")), "no log directory was created");
    }

    @Test
    void dumpAndTailPrintRecordsAndCursorsShowLag() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(1).build());
            for (int i = 0; i < 20; i++) {
                log.append("t", new LogRecord("dev".getBytes(StandardCharsets.UTF_8),
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L + i));
            }
            log.append("t", new LogRecord(null, new byte[] {0, 1, (byte) 0xff}, 1_700_000_000_100L));
            log.cursor("uplink", "t").commit(0, 15);
        }
        Result dump = run("log", "dump", "t", "--data-dir", dir.toString(), "--from", "3", "-n", "2");
        assertEquals(0, dump.code(), dump.err());
        assertEquals("0@3 2023-11-14T22:13:20.003Z key=dev {\"n\":3}\n0@4 2023-11-14T22:13:20.004Z key=dev {\"n\":4}\n",
                dump.out());
        Result tail = run("log", "tail", "t", "--data-dir", dir.toString(), "--last", "1");
        assertEquals("0@20 2023-11-14T22:13:20.100Z key=null 0x0001ff\n", tail.out());
        Result cursors = run("log", "cursors", "--data-dir", dir.toString());
        assertTrue(cursors.out().matches("(?s).*uplink\\s+t\\s+0\\s+15\\s+21\\s+6\\n.*"), cursors.out());
    }

    @Test
    void errorsHaveClearMessagesAndExitCodes() {
        Result unknown = run("log", "dump", "nope", "--data-dir", dir.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("not a log directory"), unknown.err());
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").build());
        }
        Result missing = run("log", "dump", "nope", "--data-dir", dir.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("unknown topic 'nope'"), missing.err());
        Result usage = run("frobnicate");
        assertEquals(2, usage.code());
        Result noSim = run("run", "--data-dir", dir.toString());
        assertEquals(2, noSim.code());
        assertTrue(noSim.err().contains("name the config with --config FILE, or use --simulate"), noSim.err());
        Result version = run("version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("edge-gateway "), version.out());
    }
}
