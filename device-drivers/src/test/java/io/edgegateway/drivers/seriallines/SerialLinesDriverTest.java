package io.edgegateway.drivers.seriallines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.drivers.DriverHarness;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.SerialTestBuses;
import io.edgegateway.drivers.sim.ArduinoLineSimulator;
import io.edgegateway.drivers.sim.ChipSerialPort;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serial-lines driver end to end against the simulated sensor board, with manual time. */
class SerialLinesDriverTest {
    private static final String PORT = "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0";

    private final ChipSerialPort port = new ChipSerialPort(PORT);
    private final DriverHarness h = new DriverHarness(new SerialTestBuses().with(port));
    private final ArduinoLineSimulator board = new ArduinoLineSimulator(port, h.time, new SplittableRandom(17),
            DriverHarness.START_WALL_MS);

    @AfterEach
    void close() {
        board.stop();
        h.close();
    }

    private void start(Map<String, Object> extra) throws Exception {
        Map<String, Object> raw = new HashMap<>(Map.of("port", PORT, "baud", "115200",
                "pattern", ArduinoLineSimulator.PATTERN, "fields", ArduinoLineSimulator.FIELDS));
        raw.putAll(extra);
        h.add("bench-sensor", new SerialLinesDriverType(), raw);
        h.time.runDue();
        assertEquals(HealthState.RUNNING, h.state());
        assertEquals(115200, port.openedWith().baud());
    }

    @Test
    void everyLineBecomesAnEventFollowingTheDailyCurve() throws Exception {
        start(Map.of());
        board.start(2_000);
        h.time.advance(60_000);
        assertEquals(30, h.events.size());
        assertEquals(30, board.lines());
        for (int i = 0; i < h.events.size(); i++) {
            JsonNode v = h.values().get(i);
            double expected = ArduinoLineSimulator.temperatureAt(h.events.get(i).timestampMs());
            assertEquals(expected, v.get("temperature_c").asDouble(), 0.6, "temperature follows the curve");
            assertTrue(v.get("humidity_pct").isNumber());
            assertTrue(v.get("door").isBoolean());
        }
        assertEquals(Map.of(SerialLinesDecoder.NO_MATCH, 1L), h.metrics().rejectsByReason(), "the boot banner");
    }

    @Test
    void faultsAreRejectedAndEveryIntactLineStillArrives() throws Exception {
        board.faults(0.1, 0.1, 0.05, 0.1);
        port.splitReads(new SplittableRandom(23));
        start(Map.of("max-line-length", 64));
        board.start(500);
        h.time.advance(300_000);
        assertEquals(board.lines(), h.events.size());
        assertTrue(board.lines() > 300, "most of 600 lines are intact: " + board.lines());
        Map<String, Long> r = h.metrics().rejectsByReason();
        assertTrue(r.get(SerialLinesDecoder.BAD_VALUE) > 20, r.toString());
        assertTrue(r.get(SerialLinesDecoder.TOO_LONG) > 10, r.toString());
        assertTrue(r.get(SerialLinesDecoder.NO_MATCH) + r.getOrDefault(SerialLinesDecoder.BAD_ENCODING, 0L) > 40,
                r.toString());
    }

    @Test
    void aHungSketchTripsTheSilenceTimeoutAndTheBoardIsReopened() throws Exception {
        start(Map.of("silence-timeout", 5_000));
        board.start(1_000);
        h.time.advance(3_000);
        board.setSilent(true);
        h.time.advance(5_500); // last line read at 3 s: fails at 8 s, first retry due at 9 s
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.health().lastError().contains("no bytes"), h.health().lastError());
        board.setSilent(false);
        h.time.advance(5_000);
        assertEquals(HealthState.RUNNING, h.state());
        assertEquals(2, port.opens());
        assertEquals(2L, h.rejects(SerialLinesDecoder.NO_MATCH), "the board reset on reopen and printed its banner");
    }

    @Test
    void unpluggedBoardIsRetried() throws Exception {
        start(Map.of());
        board.start(1_000);
        h.time.advance(2_500);
        port.unplug();
        h.time.advance(500);
        assertEquals(HealthState.RETRYING, h.state());
        port.plugIn();
        h.time.advance(3_000);
        assertEquals(HealthState.RUNNING, h.state());
        int before = h.events.size();
        h.time.advance(3_000);
        assertEquals(before + 3, h.events.size());
    }
}
