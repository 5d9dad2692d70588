package io.edgegateway.gateway.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.drivers.nmea.NmeaGpsOptions;
import io.edgegateway.drivers.sim.ChipSerialPort;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.NmeaGpsSimulator;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.gateway.config.ConfigReader;
import io.edgegateway.gateway.wiring.GatewayRuntime;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.TopicConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real nmea-gps driver reads a simulated receiver whose GPS time is the true time while the gateway's
 * clock believes it is early 2025: the first RMC teaches the boot's true start to within the driver's polling
 * delay, and the clock itself stays unsynchronized.
 */
class GpsTimeSimulatedTest {
    private static final long FAKE_NOW = 1_735_689_600_000L;   // 2025-01-01T00:00:00Z, what the board believes
    private static final long TRUE_NOW = 1_764_064_800_000L;   // 2025-11-25T10:00:00Z
    @TempDir
    Path dir;

    @Test
    void theFirstFixTeachesTheTrueBoot() throws Exception {
        ManualTime time = new ManualTime(FAKE_NOW);
        List<Long> learned = new ArrayList<>();
        ClockSync clock = new ClockSync(time, () -> false, "boot-gps", learned::add);
        GpsTime gps = new GpsTime(clock);
        try (SimulatedHardware hardware = new SimulatedHardware(time, dir.resolve("hw"));
             LocalLog log = LocalLog.open(dir.resolve("log"))) {
            GatewayRuntime runtime = new GatewayRuntime(log, hardware.buses(), clock, time,
                    new BackoffPolicy(1_000, 8_000, 0, new SplittableRandom(1)), d -> {
                        ChipSerialPort port = hardware.serial().mount(
                                new ChipSerialPort(((NmeaGpsOptions) d.device().options()).port()));
                        new NmeaGpsSimulator(port, time, new SplittableRandom(7), Instant.ofEpochMilli(TRUE_NOW),
                                47.3769, 8.5417, 3.0, 0.0).start(1_000);
                    }, 100, new ClockStamp(clock));
            runtime.tap(gps);
            runtime.apply(ConfigReader.system(BuiltInDrivers.registry(),
                    List.of(TopicConfig.builder("location.gps").build())).read("""
                    gateway: {id: gw-test}
                    board: laptop-sim
                    devices:
                      - {id: gps, type: nmea-gps, topic: location.gps, options: {port: /dev/ttySIM-gps}}
                    """, "test.yaml"));
            for (int i = 0; i < 50 && learned.isEmpty(); i++) {
                time.advance(100);
                clock.poll();
            }
            assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(5)));
            runtime.stop(Duration.ofSeconds(5));
        }
        assertEquals(1, learned.size(), "learned once, from the first time event");
        // GPS time started at TRUE_NOW when the wall clock showed FAKE_NOW, so the boot truly began at TRUE_NOW;
        // the sentence is read up to one poll interval after the second it describes.
        long error = learned.get(0) - TRUE_NOW;
        assertTrue(Math.abs(error) <= 1_000, "off by " + error + " ms");
        assertEquals(Optional.of(learned.get(0)), clock.trueBootWallMs());
        assertFalse(clock.isSynchronized());
        assertEquals(java.util.Map.of(), gps.rejected());
    }
}
