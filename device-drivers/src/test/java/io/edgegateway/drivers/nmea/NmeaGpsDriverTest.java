package io.edgegateway.drivers.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.drivers.DriverHarness;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.SerialTestBuses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.sim.ChipSerialPort;
import io.edgegateway.drivers.sim.NmeaGpsSimulator;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The nmea-gps driver end to end against the simulated receiver, through the supervisor with manual time. */
class NmeaGpsDriverTest {
    private static final String PORT = "/dev/serial0";
    /** GPS time is ahead of the gateway's (unsynchronized) wall clock by a known amount. */
    private static final Instant GPS_START = Instant.ofEpochMilli(DriverHarness.START_WALL_MS + 3_600_000);

    private final ChipSerialPort port = new ChipSerialPort(PORT);
    private final DriverHarness h = new DriverHarness(new SerialTestBuses().with(port));
    /** Heading north at 10 knots from Munich. */
    private final NmeaGpsSimulator gps = new NmeaGpsSimulator(port, h.time, new SplittableRandom(5), GPS_START,
            48.1173, 11.5166667, 10, 0);

    @AfterEach
    void close() {
        gps.stop();
        h.close();
    }

    private void start(Map<String, Object> extra) throws InvalidOptionsException {
        Map<String, Object> raw = new HashMap<>(Map.of("port", PORT));
        raw.putAll(extra);
        h.add("gps", new NmeaGpsDriverType(), raw);
        h.time.runDue();
        assertEquals(HealthState.RUNNING, h.state());
        gps.start(500);
    }

    private List<JsonNode> kind(String kind) {
        return h.values().stream().filter(v -> v.get("kind").asText().equals(kind)).collect(Collectors.toList());
    }

    @Test
    void reportsPositionsOncePerSecondAlongTheTrack() throws Exception {
        start(Map.of());
        h.time.advance(10_000);
        List<JsonNode> positions = kind("position");
        assertEquals(10, positions.size());
        JsonNode first = positions.get(0);
        assertEquals(48.1173, first.get("lat_deg").asDouble(), 1e-6);
        assertEquals(11.5166667, first.get("lon_deg").asDouble(), 1e-6);
        assertEquals("gps", first.get("fix").asText());
        assertEquals(1, first.get("fix_quality").asInt());
        assertTrue(first.get("satellites").asInt() >= 7);
        assertEquals(0.9, first.get("hdop").asDouble());
        assertEquals(10.0, first.get("speed_kn").asDouble());
        assertEquals(5.144, first.get("speed_m_s").asDouble());
        assertEquals(0.0, first.get("course_deg").asDouble());
        // 10 kn north = 5.144 m/s = 4.62e-5 degrees of latitude per second
        double step = positions.get(1).get("lat_deg").asDouble() - first.get("lat_deg").asDouble();
        // (the simulator prints 4 decimals of minutes, so positions are quantized to 1.7e-6 degrees)
        assertEquals(5.144 / 111_320, step, 2e-6);
        assertEquals(1, kind("time").size(), "time events are rate-limited to one a minute by default");
        assertEquals(0, h.metrics().rejectsTotal());
        assertEquals(9600, port.openedWith().baud());
    }

    @Test
    void timeEventsCarryGpsUtcAndTheClockOffset() throws Exception {
        start(Map.of("time-interval", 30_000));
        h.time.advance(65_000);
        List<JsonNode> times = kind("time");
        assertEquals(3, times.size(), "at 0.5 s, 30.5 s and 60.5 s");
        JsonNode t = times.get(0);
        assertEquals(GPS_START.toString(), t.get("gps_utc").asText());
        assertEquals(GPS_START.toEpochMilli(), t.get("gps_utc_ms").asLong());
        // the first epoch is sent at 500 ms and decoded by the poll due at that same instant
        assertEquals(3_600_000 - 500, t.get("clock_offset_ms").asLong());
        assertEquals(GPS_START.plusSeconds(30).toString(), times.get(1).get("gps_utc").asText());
    }

    @Test
    void lostFixIsRejectedNotReported() throws Exception {
        start(Map.of());
        h.time.advance(3_000);
        gps.setFix(false);
        h.time.advance(5_000);
        gps.setFix(true);
        h.time.advance(2_000);
        assertEquals(5, kind("position").size(), "3 before, none while void, 2 after");
        assertEquals(10, h.rejects(NmeaDecoder.NO_FIX), "an RMC and a GGA per void second");
        assertEquals(HealthState.RUNNING, h.state());
    }

    @Test
    void corruptedNoisySplitSentencesNeverGiveAWrongPosition() throws Exception {
        gps.faults(0.15, 0.2);
        port.splitReads(new SplittableRandom(9));
        start(Map.of("position-interval", 0));
        h.time.advance(120_000);
        List<JsonNode> positions = kind("position");
        assertTrue(positions.size() > 80 && positions.size() < 120, "most fixes survive: " + positions.size());
        double previous = 0;
        for (JsonNode p : positions) {
            double lat = p.get("lat_deg").asDouble();
            assertTrue(lat > previous, "track heads north, so latitude only grows");
            assertTrue(lat < gps.latitude());
            assertEquals(11.5166667, p.get("lon_deg").asDouble(), 1e-6);
            previous = lat;
        }
        assertTrue(h.rejects(NmeaDecoder.BAD_CHECKSUM) > 20, h.metrics().rejectsByReason().toString());
        assertTrue(h.rejects(NmeaDecoder.NOISE) + h.rejects(NmeaDecoder.TRUNCATED) > 20);
    }

    @Test
    void aSilentReceiverIsRestartedAndRecovers() throws Exception {
        start(Map.of("silence-timeout", 3_000));
        h.time.advance(2_000);
        gps.setSilent(true);
        h.time.advance(3_200); // last epoch at 1.5 s, silent since: fails at the 4.55 s poll, retry due 5.55 s
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.health().lastError().startsWith("TIMEOUT: no bytes on /dev/serial0"), h.health().lastError());
        gps.setSilent(false);
        h.time.advance(3_000);
        assertEquals(HealthState.RUNNING, h.state());
        int before = kind("position").size();
        h.time.advance(3_000);
        assertEquals(before + 3, kind("position").size());
    }

    @Test
    void unpluggedReceiverIsRetried() throws Exception {
        start(Map.of("baud", "4800"));
        h.time.advance(1_000);
        port.unplug();
        h.time.advance(100);
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.health().lastError().contains("unplugged"));
        port.plugIn();
        h.time.advance(2_000);
        assertEquals(HealthState.RUNNING, h.state());
        assertEquals(4800, port.openedWith().baud());
        assertFalse(kind("position").isEmpty());
    }
}
