package io.edgegateway.gateway.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.edgegateway.gateway.clock.ClockSyncTest.FakeClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GPS time events as the nmea-gps driver writes them teach the boot's true start without touching the system
 * clock; events that are no such time event are ignored, and broken or implausible ones are counted.
 */
class GpsTimeTest {
    private static final long FAKE_BOOT = 1_735_689_600_000L;   // 2025-01-01T00:00:00Z, what the board believes
    private static final long TRUE_BOOT = 1_764_064_800_000L;   // 2025-11-25T10:00:00Z, when it really booted

    private static DeviceEvent gps(String json, long ts) {
        return new DeviceEvent("gps", json.getBytes(StandardCharsets.UTF_8), ts, Map.of(EventHeaders.DEVICE_TYPE,
                "nmea-gps", EventHeaders.CLOCK_QUALITY, "unsynchronized"));
    }

    /** A time event read {@code offset} ms after GPS time {@code gpsMs} by a clock showing {@code wall}. */
    private static DeviceEvent timeEvent(long gpsMs, long wall) {
        return gps("{\"kind\":\"time\",\"gps_utc\":\"x\",\"gps_utc_ms\":" + gpsMs + ",\"clock_offset_ms\":"
                + (gpsMs - wall) + ",\"lat_deg\":47.3,\"lon_deg\":8.5}", wall);
    }

    @Test
    void aTimeEventTeachesTheTrueBootOnceAndLeavesTheClockUnsynchronized() {
        FakeClock raw = new FakeClock(FAKE_BOOT);
        List<Long> learned = new ArrayList<>();
        ClockSync clock = new ClockSync(raw, () -> false, "boot-1", learned::add);
        GpsTime gps = new GpsTime(clock);
        raw.tick(90_000);
        gps.accept(gps("{\"kind\":\"position\",\"lat_deg\":47.3}", raw.wall));
        assertEquals(Optional.empty(), clock.trueBootWallMs(), "a position event says nothing about time");
        gps.accept(timeEvent(TRUE_BOOT + 90_000, raw.wall));
        assertEquals(List.of(), learned, "stored at the next poll, not on the driver's thread");
        clock.poll();
        assertEquals(List.of(TRUE_BOOT), learned);
        assertEquals(Optional.of(TRUE_BOOT), clock.trueBootWallMs());
        assertFalse(clock.isSynchronized(), "the system clock is still wrong, so events stay unsynchronized");

        raw.tick(60_000);
        gps.accept(timeEvent(TRUE_BOOT + 150_000 + 400, raw.wall));
        clock.poll();
        assertEquals(List.of(TRUE_BOOT), learned, "the first value learned is kept");

        // Corrected events land at their true time, though the clock was never set.
        TimestampCorrector corrector = new TimestampCorrector();
        corrector.learn("boot-1", learned.get(0));
        DeviceEvent e = new DeviceEvent("hall", new byte[0], raw.wall, Map.of(EventHeaders.CLOCK_QUALITY,
                "unsynchronized"));
        Map<String, String> headers = new java.util.HashMap<>(e.headers());
        new ClockStamp(clock).headersFor(e).forEach(h -> headers.put(h.key(), new String(h.value(),
                StandardCharsets.UTF_8)));
        assertEquals(TRUE_BOOT + 150_000, corrector.correct(headers, e.timestampMs()));
    }

    @Test
    void ntpAfterGpsKeepsTheGpsValueAndGpsAfterNtpIsIgnored() {
        FakeClock raw = new FakeClock(FAKE_BOOT);
        boolean[] ntp = {false};
        List<Long> learned = new ArrayList<>();
        ClockSync clock = new ClockSync(raw, () -> ntp[0], "boot-1", learned::add);
        new GpsTime(clock).accept(timeEvent(TRUE_BOOT + 5_000, raw.wall + 5_000));
        raw.wall += TRUE_BOOT - FAKE_BOOT;
        ntp[0] = true;
        clock.poll();
        assertTrue(clock.isSynchronized());
        assertEquals(1, learned.size());

        FakeClock raw2 = new FakeClock(TRUE_BOOT);
        List<Long> learned2 = new ArrayList<>();
        ClockSync synced = new ClockSync(raw2, () -> true, "boot-2", learned2::add);
        synced.poll();
        new GpsTime(synced).accept(timeEvent(TRUE_BOOT + 30_000, TRUE_BOOT));
        synced.poll();
        assertEquals(List.of(TRUE_BOOT), learned2);
    }

    @Test
    void anOffsetWithinWhatNmeaCanTellChangesNothing() {
        FakeClock raw = new FakeClock(TRUE_BOOT);
        ClockSync clock = new ClockSync(raw, () -> false, "boot-1", t -> {
            throw new AssertionError("the clock was right");
        });
        GpsTime gps = new GpsTime(clock);
        gps.accept(timeEvent(raw.wall - GpsTime.TOLERANCE_MS, raw.wall));
        gps.accept(timeEvent(raw.wall + 800, raw.wall));
        clock.poll();
        assertEquals(Optional.empty(), clock.trueBootWallMs());
        assertEquals(Map.of(), gps.rejected());
    }

    @Test
    void brokenAndImplausibleTimeEventsAreCountedNotUsed() {
        FakeClock raw = new FakeClock(FAKE_BOOT);
        ClockSync clock = new ClockSync(raw, () -> false, "boot-1", t -> {
            throw new AssertionError("nothing valid was sent");
        });
        GpsTime gps = new GpsTime(clock);
        gps.accept(gps("not json", raw.wall));
        gps.accept(gps("{\"kind\":\"time\",\"gps_utc_ms\":\"soon\",\"clock_offset_ms\":0}", raw.wall));
        gps.accept(gps("{\"kind\":\"time\",\"gps_utc_ms\":1764064800000.5,\"clock_offset_ms\":0}", raw.wall));
        gps.accept(gps("{\"kind\":\"time\",\"clock_offset_ms\":0}", raw.wall));
        gps.accept(gps("{\"kind\":\"time\",\"gps_utc_ms\":" + TRUE_BOOT + ",\"clock_offset_ms\":7}", raw.wall));
        // A receiver with the week-number rollover bug reports a date 1024 weeks early.
        long rolledBack = TRUE_BOOT - 1024L * 7 * 24 * 3600 * 1000;
        gps.accept(timeEvent(rolledBack, raw.wall));
        gps.accept(new DeviceEvent("hall", "not json".getBytes(StandardCharsets.UTF_8), raw.wall,
                Map.of(EventHeaders.DEVICE_TYPE, "bme280")));
        assertEquals(Map.of("malformed", 5L, "implausible", 1L), gps.rejected());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        gps.bindTo(registry);
        assertEquals(5.0, registry.get("edge.clock.gps.rejected").tag("reason", "malformed").functionCounter().count());
        assertEquals(1.0, registry.get("edge.clock.gps.rejected").tag("reason", "implausible").functionCounter()
                .count());
        clock.poll();
        assertEquals(Optional.empty(), clock.trueBootWallMs());
    }
}
