package io.edgegateway.drivers.wiegand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimPin;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.drivers.sim.WiegandSimulator;
import io.edgegateway.drivers.sim.WiegandSimulator.Tag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiegand driver end to end: pulse trains on Pi4J's mock GPIO, supervisor, manual time. */
class WiegandDriverTest {
    private static final List<Tag> TAGS = List.of(
            new Tag(WiegandFormat.H10301_26, 212, 7041),
            new Tag(WiegandFormat.H10306_34, 35284, 7041),
            new Tag(WiegandFormat.H10304_37, 4242, 424_242));

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(1_700_000_000_000L);
    private final List<DeviceEvent> events = Collections.synchronizedList(new ArrayList<>());
    private SimulatedHardware hw;
    private SimPin d0;
    private SimPin d1;
    private WiegandSimulator reader;
    private DriverSupervisor supervisor;

    @BeforeEach
    void setUp() throws Exception {
        hw = new SimulatedHardware(time, dir);
        d0 = hw.pin(5, true);
        d1 = hw.pin(6, true);
        reader = new WiegandSimulator(d0, d1, time::advanceNanos);
        supervisor = new DriverSupervisor(hw.buses(), events::add, time, time,
                new BackoffPolicy(1_000, 60_000, 0.0, RandomGenerator.getDefault()));
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        hw.close();
    }

    private void start() throws InvalidOptionsException {
        supervisor.add(new ConfiguredDevice<>("door", new WiegandType(), WiegandOptions.parse(Map.of("d0", 5,
                "d1", 6))));
        time.runDue();
    }

    private Map<String, Long> rejects() {
        return supervisor.metrics("door").orElseThrow().rejectsByReason();
    }

    @Test
    void everyFormatIsDecodedFromPulses() throws Exception {
        start();
        for (Tag t : TAGS) {
            reader.send(t);
            time.advance(60);
        }
        assertEquals(3, events.size());
        assertEquals("{\"format\":\"26-bit\",\"facility\":212,\"card\":7041,\"bits\":26}", events.get(0)
                .valueAsString());
        assertEquals("{\"format\":\"34-bit\",\"facility\":35284,\"card\":7041,\"bits\":34}", events.get(1)
                .valueAsString());
        assertEquals("{\"format\":\"37-bit\",\"facility\":4242,\"card\":424242,\"bits\":37}", events.get(2)
                .valueAsString());
        assertEquals(1_700_000_000_000L, events.get(0).timestampMs(), "stamped with the first bit's time");
    }

    @Test
    void frameEndsOnlyAfterTheTimeout() throws Exception {
        start();
        reader.send(TAGS.get(0));
        time.advance(45);
        assertTrue(events.isEmpty(), "50 ms timeout not yet reached (frame ended ~2 ms after last pulse)");
        time.advance(10);
        assertEquals(1, events.size());
    }

    @Test
    void badParityTruncationOverlapAndNoiseAreCountedNeverEmitted() throws Exception {
        start();
        reader.sendBadParity(TAGS.get(0), 7);
        time.advance(60);
        reader.sendBits(WiegandFormat.H10301_26.encode(1, 2) >>> 3, 23);
        time.advance(60);
        reader.sendOverlapping();
        time.advance(60);
        reader.sendBits(0x5555_5555_5555_5555L, 64);
        reader.sendBits(0x5, 3);
        time.advance(60);
        assertTrue(events.isEmpty(), events.toString());
        assertEquals(Map.of("bad-parity", 1L, "unsupported-length", 1L, "both-lines-low", 1L, "too-many-bits", 1L),
                rejects());
        reader.send(TAGS.get(1));
        time.advance(60);
        assertEquals(1, events.size(), "a good frame right after garbage is read");
    }

    @Test
    void lineHeldLowAtStartIsRetriedUntilReleased() throws Exception {
        d0.stick(false);
        start();
        var h = supervisor.health("door").orElseThrow();
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.lastError().contains("D0 (GPIO5) is low"), h.lastError());
        d0.unstick();
        d0.set(true);
        time.advance(1_000);
        assertEquals(HealthState.RUNNING, supervisor.health("door").orElseThrow().state());
        reader.send(TAGS.get(0));
        time.advance(60);
        assertEquals(1, events.size());
    }

    @Test
    void samePinForBothLinesIsRefused() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> WiegandOptions.parse(Map.of("d0", 5, "d1", 5)));
        assertTrue(e.getMessage().contains("'d1': must differ from d0"), e.getMessage());
    }

    @Test
    void scansFromTheTagListAreAllReported() throws Exception {
        start();
        SplittableRandom random = new SplittableRandom(3);
        List<Tag> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(reader.scanRandom(TAGS, random));
            time.advance(100);
        }
        assertEquals(20, events.size());
        for (int i = 0; i < 20; i++) {
            assertTrue(events.get(i).valueAsString().contains("\"card\":" + sent.get(i).card()));
        }
    }
}
