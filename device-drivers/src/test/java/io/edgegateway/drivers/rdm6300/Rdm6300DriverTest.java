package io.edgegateway.drivers.rdm6300;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.drivers.DriverHarness;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.SerialTestBuses;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.sim.ChipSerialPort;
import io.edgegateway.drivers.sim.Rdm6300Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rdm6300 driver end to end: simulator bytes through the supervisor with manual time. */
class Rdm6300DriverTest {
    private static final String PORT = "/dev/serial/by-id/usb-rdm6300";
    private static final Em4100Tag A = new Em4100Tag(0x06, 0x00775522L);
    private static final Em4100Tag B = new Em4100Tag(0x3E, 0x00A1B2C3L);

    private final ChipSerialPort port = new ChipSerialPort(PORT);
    private final DriverHarness h = new DriverHarness(new SerialTestBuses().with(port));
    private final Rdm6300Simulator chip = new Rdm6300Simulator(port, h.time, new SplittableRandom(7));

    @AfterEach
    void close() {
        h.close();
    }

    private void startDriver(long repeatWindow) throws InvalidOptionsException {
        h.add("door-1", new Rdm6300DriverType(), Map.of("port", PORT, "repeat-window", repeatWindow));
        h.time.runDue();
        assertEquals(HealthState.RUNNING, h.state());
        assertEquals(9600, port.openedWith().baud());
    }

    @Test
    void aHeldTagGivesOneEventWithItsForms() throws Exception {
        startDriver(500);
        chip.present(A, 3_000);
        h.time.advance(5_000);
        assertEquals(1, h.events.size(), "30 repeated frames, one presentation");
        JsonNode v = h.values().get(0);
        assertEquals("0600775522", v.get("tag_id").asText());
        assertEquals(6, v.get("customer_code").asInt());
        assertEquals("0007820578", v.get("card_decimal").asText());
        assertEquals("119,21794", v.get("card_wiegand26").asText());
        assertEquals(DriverHarness.START_WALL_MS + 50, h.events.get(0).timestampMs(), "read at the first poll");
        assertEquals("rdm6300", h.events.get(0).headers().get("device-type"));
    }

    @Test
    void anotherTagOrTheSameTagAfterTheWindowIsNew() throws Exception {
        startDriver(500);
        chip.present(A, 1_000);
        h.time.advance(1_200);
        chip.present(B, 300);
        h.time.advance(400);
        chip.present(B, 300);
        h.time.advance(2_000);
        chip.present(B, 300);
        h.time.advance(1_000);
        List<String> ids = new ArrayList<>();
        h.values().forEach(v -> ids.add(v.get("tag_id").asText()));
        // B twice within 500 ms of its last frame is one presentation; 2 s later it is a new one
        assertEquals(List.of(A.hex(), B.hex(), B.hex()), ids);
    }

    @Test
    void corruptedNoisyAndSplitFramesStillGiveOneEventPerPresentation() throws Exception {
        chip.faults(0.2, 0.3, 0.2);
        port.splitReads(new SplittableRandom(3));
        startDriver(1_000);
        SplittableRandom pick = new SplittableRandom(11);
        List<String> presented = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Em4100Tag t = pick.nextBoolean() ? A : B;
            presented.add(t.hex());
            chip.present(t, 1_000);
            h.time.advance(3_000);
        }
        List<String> ids = new ArrayList<>();
        h.values().forEach(v -> ids.add(v.get("tag_id").asText()));
        assertEquals(presented, ids);
        assertTrue(h.rejects(Rdm6300Decoder.BAD_CHECKSUM) > 10, h.metrics().rejectsByReason().toString());
        assertTrue(h.rejects(Rdm6300Decoder.NOISE) > 10, h.metrics().rejectsByReason().toString());
        assertTrue(h.rejects(Rdm6300Decoder.TRUNCATED) > 10, h.metrics().rejectsByReason().toString());
    }

    @Test
    void randomScansFromATagListAreAllReported() throws Exception {
        startDriver(500);
        chip.startScans(List.of(A, B), 1_000, 800);
        h.time.advance(27_000); // cycles start at 0, 2800, ..., 25200 ms: ten of them
        chip.stopScans();
        h.time.advance(3_000);
        assertEquals(10, h.events.size());
        h.values().forEach(v -> assertTrue(List.of(A.hex(), B.hex()).contains(v.get("tag_id").asText())));
        assertEquals(0, h.metrics().rejectsTotal());
    }

    @Test
    void unpluggedAdapterIsRetriedAndReadsResumeAfterReplug() throws Exception {
        startDriver(500);
        port.unplug();
        h.time.advance(100);
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.health().lastError().contains("unplugged"), h.health().lastError());
        h.time.advance(3_000); // retries at 1050 and 3050 ms fail too: the port is missing
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.health().lastError().contains("cannot open"), h.health().lastError());
        assertEquals(3, h.health().consecutiveFailures());
        port.plugIn();
        h.time.advance(4_000); // the third retry, 4 s after the last failure, finds the port back
        assertEquals(HealthState.RUNNING, h.state());
        chip.present(A, 200);
        h.time.advance(500);
        assertEquals(1, h.events.size());
        assertEquals(2, port.opens());
    }

    @Test
    void optionsAreValidatedAndDeclareTheUart() throws Exception {
        Rdm6300DriverType type = new Rdm6300DriverType();
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> type.parse(Map.of("port", "/dev/serial0", "repeat-windw", 100)));
        assertTrue(e.getMessage().contains("did you mean 'repeat-window'"), e.getMessage());
        e = assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of("port", "/dev/serial0",
                "repeat-window", 10)));
        assertTrue(e.getMessage().contains("of ms between 50 and 60000"), e.getMessage());
        assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of()));
        assertEquals(Wiring.bus("uart-0"), type.parse(Map.of("port", "/dev/serial0")).wiring());
        assertEquals(List.of(), type.parse(Map.of("port", PORT)).wiring().buses());
        assertEquals(500, type.parse(Map.of("port", PORT)).repeatWindowMs());
    }
}
