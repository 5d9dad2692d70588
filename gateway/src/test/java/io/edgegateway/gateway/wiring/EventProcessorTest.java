package io.edgegateway.gateway.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.DriverMetrics;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogReader;
import io.edgegateway.log.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event processor between the real drivers and the log filters, changes and multiplies events, and the
 * counts add up: every emitted event is either stored (possibly as several) or counted as filtered or as a
 * processor error.
 */
class EventProcessorTest {
    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(1_764_000_000_000L);
    private SimulatedHardware hardware;
    private LocalLog log;
    private GatewayRuntime runtime;

    private static final String DEVICES = """
            devices:
              - {id: hall, type: bme280, topic: sensors.environment, options: {period: 1}}
              - {id: attic, type: bme280, topic: sensors.environment, options: {address: 0x77, period: 1}}
              - {id: cellar, type: bme280, topic: sensors.environment, options: {address: 0x76, i2c-bus: 3, period: 1}}
            """;

    private void start(EventProcessor processor) throws Exception {
        hardware = new SimulatedHardware(time, dir.resolve("hw"));
        log = LocalLog.open(dir.resolve("log"));
        DeviceSimulators sims = new DeviceSimulators(hardware, time, time);
        runtime = new GatewayRuntime(log, hardware.buses(), time, time,
                new BackoffPolicy(1_000, 8_000, 0, new SplittableRandom(1)), sims::attach, 100,
                LogSink.Stamp.NONE, processor, null);
        runtime.apply(WiringFixtures.config(DEVICES));
    }

    @AfterEach
    void tearDown() throws Exception {
        runtime.stop(Duration.ofSeconds(5));
        log.close();
        hardware.close();
    }

    @Test
    void filteredChangedAndFailedEventsAreAllAccountedFor() throws Exception {
        AtomicLong hallSeen = new AtomicLong();
        start(e -> switch (e.deviceId()) {
            // Every second reading of hall is filtered out; the kept ones are labelled.
            case "hall" -> hallSeen.incrementAndGet() % 2 == 0 ? List.of() : List.of(labelled(e));
            case "attic" -> throw new IllegalStateException("site rule broken");
            default -> List.of(e, labelled(e));
        });
        for (int i = 0; i < 60; i++) {
            time.advance(100);
        }
        assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(5)));

        Map<String, List<StoredRecord>> stored = stored();
        long hallEmitted = emitted("hall");
        assertTrue(hallEmitted >= 5, "hall emitted " + hallEmitted);
        FlowCounters c = runtime.counters();
        assertEquals(hallEmitted, c.appendedByDevice("hall") + c.droppedByDevice("hall", DropReason.FILTERED));
        assertEquals(hallEmitted / 2, c.droppedByDevice("hall", DropReason.FILTERED));
        assertEquals(c.appendedByDevice("hall"), stored.get("hall").size());
        assertTrue(stored.get("hall").stream().allMatch(r -> "a".equals(EventRecords.headers(r.headers()).get("site"))),
                "the processor's change is what was stored");

        assertEquals(emitted("attic"), c.droppedByDevice("attic", DropReason.PROCESSOR_ERROR));
        assertEquals(0, c.appendedByDevice("attic"));
        assertEquals(null, stored.get("attic"));

        assertEquals(2 * emitted("cellar"), stored.get("cellar").size(), "one event became two");
        assertEquals(stored.get("cellar").size(), c.appendedByDevice("cellar"));
    }

    @Test
    void theIdentityProcessorStoresEveryEvent() throws Exception {
        start(EventProcessor.IDENTITY);
        for (int i = 0; i < 30; i++) {
            time.advance(100);
        }
        assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(5)));
        assertEquals(emitted("hall"), stored().get("hall").size());
        assertEquals(Map.of(), runtime.counters().drops());
    }

    private static DeviceEvent labelled(DeviceEvent e) {
        Map<String, String> h = new HashMap<>(e.headers());
        h.put("site", "a");
        return new DeviceEvent(e.deviceId(), e.value(), e.timestampMs(), h);
    }

    private long emitted(String device) {
        return runtime.supervisor().metrics(device).map(DriverMetrics::eventsEmitted).orElse(0L);
    }

    private Map<String, List<StoredRecord>> stored() {
        Map<String, List<StoredRecord>> out = new HashMap<>();
        for (int p = 0; p < log.topicConfig("sensors.environment").partitions(); p++) {
            try (LogReader r = log.reader("sensors.environment", p, 0)) {
                List<StoredRecord> got;
                while (!(got = r.poll(1000, Duration.ZERO)).isEmpty()) {
                    got.forEach(s -> out.computeIfAbsent(new String(s.key(), StandardCharsets.UTF_8),
                            k -> new ArrayList<>()).add(s));
                }
            }
        }
        return out;
    }
}
