package io.edgegateway.gateway.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.gateway.clock.ClockHeaders;
import io.edgegateway.gateway.clock.TimestampCorrector;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogReader;
import io.edgegateway.log.StoredRecord;
import io.edgegateway.uplink.CentralCluster;
import io.edgegateway.uplink.EdgeHeaders;
import io.edgegateway.uplink.UplinkListener;
import io.edgegateway.uplink.UplinkStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's wiring against a real Kafka broker: simulated devices (and events appended through the sink)
 * go through the log and the uplink, and a read_committed consumer sees each once with the edge headers and
 * corrected timestamps. A changed uplink section restarts the uplink alone while events keep being stored,
 * and closing the uplink mid-backlog and starting it again loses and duplicates nothing.
 */
class UplinkEndToEndTest {
    private static CentralCluster central;
    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(System.currentTimeMillis());
    private final TimestampCorrector corrector = new TimestampCorrector();
    private SimulatedHardware hardware;
    private LocalLog log;
    private UplinkControl uplink;
    private GatewayRuntime runtime;

    @BeforeAll
    static void startBroker() throws Exception {
        central = CentralCluster.shared();
    }

    private void start() throws Exception {
        hardware = new SimulatedHardware(time, dir.resolve("hw"));
        log = LocalLog.open(dir.resolve("log"));
        uplink = new UplinkControl(log, new CorrectedTimestamps(corrector), UplinkListener.NONE);
        DeviceSimulators sims = new DeviceSimulators(hardware, time, time);
        runtime = new GatewayRuntime(log, hardware.buses(), time, time,
                new BackoffPolicy(1_000, 8_000, 0, new SplittableRandom(1)), sims::attach, 10_000,
                LogSink.Stamp.NONE, EventProcessor.IDENTITY, uplink);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runtime != null) {
            runtime.stop(Duration.ofSeconds(5));
        }
        if (log != null) {
            log.close();
        }
        if (hardware != null) {
            hardware.close();
        }
    }

    private GatewayConfig config(String gatewayId, String uplinkExtra, String devices) throws Exception {
        return WiringFixtures.config("""
                topics:
                  sensors.environment: {partitions: 2}
                  io.gpio: {partitions: 1}
                devices:
                %s
                uplink:
                  gateway.id: %s
                  central.topic: %s.${topic}
                  create.topics: true
                  poll.wait.ms: 20
                  kafka:
                    bootstrap.servers: %s
                %s
                """.formatted(devices, gatewayId, gatewayId, central.bootstrap(), uplinkExtra));
    }

    private static final String HALL = "  - {id: hall, type: bme280, topic: sensors.environment, options: {period: 1}}";
    private static final String HALL_AND_ATTIC = HALL + "\n  - {id: attic, type: bme280, topic: sensors.environment,"
            + " options: {address: 0x77, period: 1}}";

    private void advanceSeconds(int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            time.advance(100);
        }
        assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(5)));
    }

    private void awaitDrained(UplinkControl u) throws InterruptedException {
        await(60_000, () -> u.status().map(s -> s.backlogEvents() == 0 && s.forwardedEvents() > 0).orElse(false),
                () -> u.status().map(UplinkStatus::toString).orElse(u.summary()));
    }

    /** Commit markers reach the partitions just after the commit returns; a consumer may see them a bit later. */
    private static void awaitCentral(String centralTopic, long events) throws InterruptedException {
        await(30_000, () -> central.read(List.of(centralTopic)).size() >= events,
                () -> central.read(List.of(centralTopic)).size() + " of " + events + " events visible in " + centralTopic);
    }

    private long stored(String topic) {
        return log.partitions(topic).stream().mapToLong(p -> p.endOffset()).sum();
    }

    private static void await(long ms, BooleanSupplier done, java.util.function.Supplier<String> why)
            throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + ms + " ms: " + why.get());
            }
            Thread.sleep(50);
        }
    }

    private static DeviceEvent event(String device, long ts, Map<String, String> headers) {
        return new DeviceEvent(device, ("{\"n\":" + ts + "}").getBytes(StandardCharsets.UTF_8), ts, headers);
    }

    @Test
    void devicesEventsArriveOnceWithEdgeHeadersAndCorrectedTimestamps() throws Exception {
        start();
        runtime.apply(config("gw-e2e", "", HALL_AND_ATTIC));
        advanceSeconds(4);
        // Two door events stamped before the clock was synchronized, in a boot that started 5 s earlier than
        // its clock showed: they are forwarded 5 s earlier, with the stored time in clock-corrected-from.
        long apparentBoot = time.wallMillis() - 60_000;
        corrector.learn("boot-1", apparentBoot - 5_000);
        Map<String, String> unsynced = Map.of("clock-quality", "unsynchronized", ClockHeaders.BOOT_ID, "boot-1",
                ClockHeaders.BOOT_WALL_MS, Long.toString(apparentBoot));
        long doorTs = time.wallMillis();
        runtime.sink().append("io.gpio", event("door", doorTs, unsynced));
        runtime.sink().append("io.gpio", event("door", doorTs + 1, Map.of("clock-quality", "synchronized")));
        assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(5)));
        awaitDrained(uplink);
        awaitCentral("gw-e2e.sensors.environment", stored("sensors.environment"));
        awaitCentral("gw-e2e.io.gpio", 2);

        long checked = central.verifyExactlyOnce(log, Map.of("sensors.environment", "gw-e2e.sensors.environment"),
                "gw-e2e");
        assertEquals(8, checked, "four readings of each device");
        List<CentralCluster.Received> got = central.read(List.of("gw-e2e.sensors.environment"));
        for (CentralCluster.Received r : got) {
            assertEquals("gw-e2e", r.headers().get(EdgeHeaders.GATEWAY));
            assertEquals("sensors.environment", r.headers().get(EdgeHeaders.EDGE_TOPIC));
            assertTrue(r.headers().containsKey(EdgeHeaders.EDGE_PARTITION), r.headers().toString());
            assertTrue(r.headers().containsKey(EdgeHeaders.EDGE_OFFSET), r.headers().toString());
            assertEquals("unsynchronized", r.headers().get(EdgeHeaders.CLOCK_QUALITY), "as the simulated clock says");
            assertEquals("gw-test", r.headers().get(EventRecords.GATEWAY_ID), "the stored headers pass through");
        }
        List<CentralCluster.Received> doors = central.read(List.of("gw-e2e.io.gpio"));
        assertEquals(2, doors.size());
        assertEquals(doorTs - 5_000, doors.get(0).timestamp(), "corrected by the measured clock error");
        assertEquals(Long.toString(doorTs), doors.get(0).headers().get(EdgeHeaders.CLOCK_CORRECTED_FROM));
        assertEquals(doorTs + 1, doors.get(1).timestamp(), "a synchronized event keeps its time");
        assertFalse(doors.get(1).headers().containsKey(EdgeHeaders.CLOCK_CORRECTED_FROM));
    }

    @Test
    void aChangedUplinkSectionRestartsOnlyTheUplinkAndNothingIsLostOrDuplicated() throws Exception {
        start();
        runtime.apply(config("gw-live", "", HALL));
        advanceSeconds(3);
        awaitDrained(uplink);
        assertEquals(1, uplink.starts());

        // Events keep arriving while the uplink is replaced.
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Long> appendedDuringRestart = new ArrayList<>();
        Thread load = new Thread(() -> {
            long n = 0;
            while (loading.get()) {
                runtime.sink().append("sensors.environment", event("load-" + (n % 7), time.wallMillis(), Map.of()));
                n++;
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
            appendedDuringRestart.add(n);
        });
        load.start();
        Thread.sleep(200);
        ConfigDiff diff = runtime.apply(config("gw-live", "  compression: gzip\n  batch.max.records: 100", HALL));
        Thread.sleep(300);
        loading.set(false);
        load.join();
        assertTrue(diff.uplinkChanged(), diff.toString());
        assertEquals(List.of(), diff.devicesToStop(), "no device was touched");
        assertEquals(List.of(), diff.devicesToStart());
        assertEquals(2, uplink.starts(), "the uplink was restarted once");
        assertTrue(appendedDuringRestart.get(0) > 50, "events were stored throughout: " + appendedDuringRestart);

        ConfigDiff deviceEdit = runtime.apply(config("gw-live", "  compression: gzip\n  batch.max.records: 100",
                HALL_AND_ATTIC));
        assertFalse(deviceEdit.uplinkChanged(), "a device edit leaves the uplink alone");
        assertEquals(2, uplink.starts());

        advanceSeconds(3);
        awaitDrained(uplink);
        long expected = stored("sensors.environment");
        awaitCentral("gw-live.sensors.environment", expected);
        assertEquals(expected, central.verifyExactlyOnce(log,
                Map.of("sensors.environment", "gw-live.sensors.environment"), "gw-live"));
        List<Long> hall = timestamps("hall");
        assertEquals(6, hall.size(), "hall kept its one-second cadence through both edits: " + hall);
    }

    @Test
    void closingMidBacklogAndStartingAgainLosesAndDuplicatesNothing() throws Exception {
        start();
        runtime.apply(config("gw-stop", "  batch.max.records: 200", HALL));
        for (int i = 0; i < 5_000; i++) {
            runtime.sink().append("sensors.environment", event("burst-" + (i % 11), time.wallMillis() + i, Map.of()));
        }
        assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(10)));
        await(60_000, () -> uplink.status().map(s -> s.forwardedEvents() > 0).orElse(false), uplink::summary);
        long t0 = System.nanoTime();
        assertTrue(runtime.stop(Duration.ofSeconds(5)));
        long closeMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(closeMs < 20_000, "stop took " + closeMs + " ms");
        assertEquals(Optional.empty(), uplink.status(), "closed");
        runtime = null;

        UplinkControl again = new UplinkControl(log, new CorrectedTimestamps(corrector), UplinkListener.NONE);
        try {
            again.apply(config("gw-stop", "  batch.max.records: 200", HALL));
            awaitDrained(again);
            awaitCentral("gw-stop.sensors.environment", 5_000);
            assertEquals(5_000, central.verifyExactlyOnce(log,
                    Map.of("sensors.environment", "gw-stop.sensors.environment"), "gw-stop"));
        } finally {
            again.close();
        }
    }

    private List<Long> timestamps(String device) {
        List<Long> out = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            try (LogReader r = log.reader("sensors.environment", p, 0)) {
                List<StoredRecord> got;
                while (!(got = r.poll(1000, Duration.ZERO)).isEmpty()) {
                    got.stream().filter(s -> new String(s.key(), StandardCharsets.UTF_8).equals(device))
                            .forEach(s -> out.add(s.timestamp()));
                }
            }
        }
        return out;
    }
}
