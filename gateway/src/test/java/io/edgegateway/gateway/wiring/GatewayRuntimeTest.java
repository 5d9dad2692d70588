package io.edgegateway.gateway.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.gateway.config.DeviceConfig;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogReader;
import io.edgegateway.log.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real BME280 driver on a simulated chip, through the supervisor and the sink into a real log on a temp
 * dir, with time moved by hand: events arrive keyed and labelled, and a live reconfiguration restarts only
 * the device that changed while the other keeps its exact one-second cadence.
 */
class GatewayRuntimeTest {
    private static final long START = 1_764_000_000_000L;
    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(START);
    private final List<String> attached = new ArrayList<>();
    private SimulatedHardware hardware;
    private LocalLog log;
    private GatewayRuntime runtime;

    @BeforeEach
    void setUp() throws Exception {
        hardware = new SimulatedHardware(time, dir.resolve("hw"));
        log = LocalLog.open(dir.resolve("log"));
        DeviceSimulators sims = new DeviceSimulators(hardware, time, time);
        runtime = new GatewayRuntime(log, hardware.buses(), time, time,
                new BackoffPolicy(1_000, 8_000, 0, new SplittableRandom(1)), d -> {
                    attached.add(d.id());
                    sims.attach(d);
                }, 100);
    }

    @AfterEach
    void tearDown() throws Exception {
        runtime.stop(Duration.ofSeconds(5));
        log.close();
        hardware.close();
    }

    private static final String TWO = """
            devices:
              - {id: hall, type: bme280, topic: sensors.environment, options: {period: 1}}
              - {id: attic, type: bme280, topic: sensors.environment, options: {address: 0x77, period: 1}}
            """;

    /** Moves time in 100 ms steps so each conversion's read is due before the next trigger. */
    private void advanceSeconds(int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            time.advance(100);
        }
        assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(5)));
    }

    private List<StoredRecord> records(String topic) {
        List<StoredRecord> all = new ArrayList<>();
        for (int p = 0; p < log.topicConfig(topic).partitions(); p++) {
            try (LogReader r = log.reader(topic, p, 0)) {
                List<StoredRecord> got;
                while (!(got = r.poll(1000, Duration.ZERO)).isEmpty()) {
                    all.addAll(got);
                }
            }
        }
        return all;
    }

    private List<Long> timestampsOf(String device) {
        return records("sensors.environment").stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(device))
                .map(StoredRecord::timestamp).sorted().toList();
    }

    @Test
    void devicesEventsReachTheirTopicKeyedAndLabelled() throws Exception {
        Map<String, io.edgegateway.drivers.DeviceEvent> latest = new java.util.concurrent.ConcurrentHashMap<>();
        runtime.tap(e -> latest.put(e.deviceId(), e));
        runtime.apply(WiringFixtures.config(TWO));
        advanceSeconds(3);
        assertEquals(3, timestampsOf("hall").size(), "one reading per second");
        assertEquals(3, timestampsOf("attic").size());
        StoredRecord r = records("sensors.environment").get(0);
        Map<String, String> headers = EventRecords.headers(r.headers());
        assertEquals("gw-test", headers.get(EventRecords.GATEWAY_ID));
        assertEquals("bme280", headers.get("device-type"));
        assertEquals("unsynchronized", headers.get("clock-quality"));
        assertTrue(new String(r.value(), StandardCharsets.UTF_8).contains("\"temperature_c\""));
        assertEquals(3, runtime.counters().appendedByDevice("hall"));
        assertEquals(timestampsOf("hall").get(2), latest.get("hall").timestampMs(),
                "the tap sees each device's events, the newest last");
        assertEquals(6, runtime.counters().appendedByTopic("sensors.environment"));
    }

    @Test
    void liveReconfigurationRestartsOnlyWhatChanged() throws Exception {
        runtime.apply(WiringFixtures.config(TWO));
        advanceSeconds(3);
        ConfigDiff diff = runtime.apply(WiringFixtures.config("""
                topics:
                  sensors.environment: {partitions: 2}
                  access.rfid: {durability: always}
                devices:
                  - {id: hall, type: bme280, topic: sensors.environment, options: {period: 1}}
                  - {id: attic, type: bme280, topic: sensors.environment, options: {address: 0x77, period: 2}}
                """));
        assertEquals(List.of("attic"), diff.devicesToStop());
        assertEquals(List.of("hall", "attic", "attic"), attached, "hall was started once, attic twice");
        assertTrue(log.topics().containsKey("access.rfid"), "the new topic exists");
        advanceSeconds(4);
        List<Long> hall = timestampsOf("hall");
        assertEquals(7, hall.size(), "hall never stopped");
        for (int i = 1; i < hall.size(); i++) {
            assertEquals(1_000, hall.get(i) - hall.get(i - 1), "hall kept its cadence across the change: " + hall);
        }
        assertEquals(3 + 2, timestampsOf("attic").size(), "attic restarted with its new two-second period");
    }

    @Test
    void removedDevicesStopAndChangingPartitionsIsRefusedBeforeAnythingChanges() throws Exception {
        runtime.apply(WiringFixtures.config(TWO));
        advanceSeconds(1);
        ReconfigurationException e = assertThrows(ReconfigurationException.class, () -> runtime.apply(
                WiringFixtures.config("topics:\n  sensors.environment: {partitions: 3}\ndevices: []\n")));
        assertTrue(e.getMessage().startsWith("topic 'sensors.environment' has 2 partitions in the log; changing it to 3"),
                e.getMessage());
        assertEquals(HealthState.RUNNING, runtime.supervisor().health("attic").orElseThrow().state(),
                "a refused config leaves every device running");
        runtime.apply(WiringFixtures.config("devices:\n  - {id: hall, type: bme280, topic: sensors.environment, "
                + "options: {period: 1}}\n"));
        assertTrue(runtime.supervisor().health("attic").isEmpty(), "attic is no longer supervised");
        advanceSeconds(2);
        assertEquals(1, timestampsOf("attic").size());
        assertEquals(3, timestampsOf("hall").size());
        assertEquals(List.of("hall"), runtime.config().orElseThrow().devices().stream().map(DeviceConfig::id).toList());
        assertEquals(List.of("hall", "attic"), attached, "removing attic restarted nothing");
    }
}
