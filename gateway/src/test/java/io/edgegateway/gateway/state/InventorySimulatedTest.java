package io.edgegateway.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.gateway.config.ConfigReader;
import io.edgegateway.gateway.wiring.DeviceSimulators;
import io.edgegateway.gateway.wiring.GatewayRuntime;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.TopicConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated devices (a BME280 and RFID readers of three kinds) run through the real drivers and the runtime
 * with time moved by hand; the feed on the runtime's tap fills the inventory with every device's first and
 * last sighting and last value, and with each tag presented, while a friendly name given on the way stays.
 */
class InventorySimulatedTest {
    private static final long START = 1_764_000_000_000L;
    @TempDir
    Path dir;

    @Test
    void devicesAndTagsAppearWithTheirSightings() throws Exception {
        ManualTime time = new ManualTime(START);
        List<DeviceEvent> seen = new CopyOnWriteArrayList<>();
        try (StateStore store = StateStore.open(dir.resolve("state.db"), java.time.Clock.systemUTC(), 1_000);
             SimulatedHardware hardware = new SimulatedHardware(time, dir.resolve("hw"));
             LocalLog log = LocalLog.open(dir.resolve("log"));
             DeviceSimulators sims = new DeviceSimulators(hardware, time, time);
             InventoryFeed feed = new InventoryFeed(store.inventory(), 100)) {
            GatewayRuntime runtime = new GatewayRuntime(log, hardware.buses(), time, time,
                    new BackoffPolicy(1_000, 8_000, 0, new SplittableRandom(1)), sims::attach, 1_000);
            runtime.tap(e -> {
                seen.add(e);
                feed.accept(e);
            });
            runtime.apply(ConfigReader.system(BuiltInDrivers.registry(),
                    List.of(TopicConfig.builder("sensors.environment").build(),
                            TopicConfig.builder("access.rfid").build())).read("""
                    gateway: {id: gw-test}
                    board: laptop-sim
                    devices:
                      - {id: hall, type: bme280, topic: sensors.environment, options: {period: 1}}
                      - {id: door, type: rdm6300, topic: access.rfid, options: {port: /dev/ttySIM-rdm6300}}
                      - {id: gate, type: mfrc522, topic: access.rfid}
                      - {id: yard, type: wiegand, topic: access.rfid, options: {d0: 5, d1: 6}}
                    """, "test.yaml"));
            advance(time, runtime, 5);
            assertTrue(feed.flush());
            assertTrue(store.inventory().nameDevice("hall", "Hall climate"));
            // Past the second presentation of each reader's card (every 15 s).
            advance(time, runtime, 30);
            runtime.stop(Duration.ofSeconds(5));
            assertTrue(feed.flush());

            Map<String, List<DeviceEvent>> byDevice = seen.stream().collect(Collectors.groupingBy(
                    DeviceEvent::deviceId));
            assertEquals(java.util.Set.of("hall", "door", "gate", "yard"), byDevice.keySet(), "every device spoke");
            for (Inventory.Device d : store.inventory().devices()) {
                List<DeviceEvent> events = byDevice.get(d.deviceId());
                DeviceEvent last = events.stream().max(Comparator.comparingLong(DeviceEvent::timestampMs)).get();
                assertEquals(events.stream().mapToLong(DeviceEvent::timestampMs).min().getAsLong(), d.firstSeenMs(),
                        d.deviceId());
                assertEquals(last.timestampMs(), d.lastSeenMs(), d.deviceId());
                assertEquals(last.valueAsString(), d.lastValue(), d.deviceId());
            }
            assertEquals(4, store.inventory().devices().size());
            assertEquals("Hall climate", store.inventory().device("hall").orElseThrow().friendlyName());
            assertEquals("bme280", store.inventory().device("hall").orElseThrow().type());

            List<Inventory.Tag> tags = store.inventory().tags();
            assertFalse(tags.isEmpty());
            assertEquals(java.util.Set.of("door", "gate", "yard"), tags.stream().map(Inventory.Tag::lastDeviceId)
                    .collect(Collectors.toSet()), "each reader's cards are tags");
            for (Inventory.Tag t : tags) {
                assertTrue(t.firstSeenMs() >= START && t.firstSeenMs() <= t.lastSeenMs(), t.toString());
            }
            assertEquals(0, feed.badTags());
            assertEquals(0, feed.overflow());
        }
    }

    private static void advance(ManualTime time, GatewayRuntime runtime, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            time.advance(100);
        }
        assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(5)));
    }
}
