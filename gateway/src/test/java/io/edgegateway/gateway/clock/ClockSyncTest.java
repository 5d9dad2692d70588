package io.edgegateway.gateway.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventHeaders;
import io.edgegateway.gateway.wiring.EventRecords;
import io.edgegateway.log.Header;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board boots believing it is 1 January 2025 (no RTC); minutes later NTP steps the clock to the true time.
 * Events stamped before the step are corrected by exactly the step, events after it are left alone, and the
 * order of events is never changed.
 */
class ClockSyncTest {
    private static final long FAKE_BOOT = 1_735_689_600_000L;   // 2025-01-01T00:00:00Z, what the board believes
    private static final long TRUE_BOOT = 1_764_064_800_000L;   // 2025-11-25T10:00:00Z, when it really booted
    @TempDir
    Path dir;

    /** Wall and monotonic time that a test moves independently, as NTP and the kernel do. */
    static final class FakeClock implements Clock {
        long wall;
        long monoNanos;

        FakeClock(long wall) {
            this.wall = wall;
        }

        void tick(long ms) {
            wall += ms;
            monoNanos += ms * 1_000_000;
        }

        @Override
        public long wallMillis() {
            return wall;
        }

        @Override
        public long monotonicNanos() {
            return monoNanos;
        }

        @Override
        public boolean isSynchronized() {
            return false;
        }
    }

    private static DeviceEvent event(long ts, boolean synced) {
        return new DeviceEvent("hall", new byte[0], ts, Map.of(EventHeaders.CLOCK_QUALITY,
                synced ? "synchronized" : "unsynchronized"));
    }

    /** What the log stores for an event stamped now: its headers, as the uplink will read them. */
    private static Map<String, String> stored(ClockSync clock, DeviceEvent e) {
        List<Header> extra = new ClockStamp(clock).headersFor(e);
        return EventRecords.headers(EventRecords.toRecord(e, "gw", extra).headers());
    }

    @Test
    void eventsBeforeTheStepAreCorrectedByTheStepAndLaterOnesAreNot() throws Exception {
        FakeClock raw = new FakeClock(FAKE_BOOT);
        Path flag = dir.resolve("synchronized");
        List<Long> learned = new ArrayList<>();
        ClockSync clock = new ClockSync(raw, new TimesyncdSignal(flag), "boot-1", learned::add);
        TimestampCorrector corrector = new TimestampCorrector();

        List<Long> timestamps = new ArrayList<>();
        List<Map<String, String>> headers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            raw.tick(60_000);
            clock.poll();
            DeviceEvent e = event(clock.wallMillis(), clock.isSynchronized());
            timestamps.add(e.timestampMs());
            headers.add(stored(clock, e));
        }
        // NTP steps the clock; timesyncd writes its flag a moment later. An event falls in between.
        raw.wall += TRUE_BOOT - FAKE_BOOT;
        raw.tick(100);
        DeviceEvent between = event(clock.wallMillis(), clock.isSynchronized());
        timestamps.add(between.timestampMs());
        headers.add(stored(clock, between));
        Files.createFile(flag);
        raw.tick(900);
        clock.poll();
        assertTrue(clock.isSynchronized());
        assertEquals(List.of(TRUE_BOOT), learned, "the true boot time is reported once");
        DeviceEvent after = event(clock.wallMillis(), clock.isSynchronized());
        timestamps.add(after.timestampMs());
        headers.add(stored(clock, after));
        assertFalse(headers.get(4).containsKey(ClockHeaders.BOOT_ID), "synchronized events carry no correction headers");

        corrector.learn("boot-1", learned.get(0));
        List<Long> corrected = new ArrayList<>();
        for (int i = 0; i < timestamps.size(); i++) {
            corrected.add(corrector.correct(headers.get(i), timestamps.get(i)));
        }
        assertEquals(List.of(TRUE_BOOT + 60_000, TRUE_BOOT + 120_000, TRUE_BOOT + 180_000, TRUE_BOOT + 180_100,
                TRUE_BOOT + 181_000), corrected, "every event lands at its true time");
        for (int i = 1; i < corrected.size(); i++) {
            assertTrue(corrected.get(i) > corrected.get(i - 1), "order is kept");
        }
    }

    @Test
    void eventsOfAnotherBootOrWithoutHeadersKeepTheirTimestamps() {
        TimestampCorrector c = new TimestampCorrector();
        c.learn("boot-2", TRUE_BOOT);
        Map<String, String> otherBoot = new HashMap<>(Map.of(EventHeaders.CLOCK_QUALITY, "unsynchronized",
                ClockHeaders.BOOT_ID, "boot-1", ClockHeaders.BOOT_WALL_MS, Long.toString(FAKE_BOOT)));
        assertEquals(5L, c.correct(otherBoot, 5L), "a boot that never synchronized has no known error");
        otherBoot.put(ClockHeaders.BOOT_ID, "boot-2");
        assertEquals(5L + TRUE_BOOT - FAKE_BOOT, c.correct(otherBoot, 5L));
        otherBoot.put(ClockHeaders.BOOT_WALL_MS, "garbage");
        assertEquals(5L, c.correct(otherBoot, 5L));
        assertEquals(5L, c.correct(Map.of(EventHeaders.CLOCK_QUALITY, "synchronized"), 5L));
        assertEquals(5L, c.correct(Map.of(), 5L));
        assertEquals(5L, c.correct(Map.of(EventHeaders.CLOCK_QUALITY, "unsynchronized"), 5L),
                "an unsynchronized event without a boot id has nothing to be corrected by");
    }

    @Test
    void neverSynchronizedMeansNoTruthAndBootIdFallsBackPerProcess() throws Exception {
        ClockSync clock = new ClockSync(new FakeClock(FAKE_BOOT), () -> false, "b", t -> {
            throw new AssertionError("not synchronized");
        });
        clock.poll();
        assertFalse(clock.isSynchronized());
        assertEquals(Optional.empty(), clock.trueBootWallMs());
        Path id = Files.writeString(dir.resolve("boot_id"), "3f1c2d4e-0000-4a5b-9c8d-1234567890ab\n");
        assertEquals("3f1c2d4e-0000-4a5b-9c8d-1234567890ab", BootId.read(id));
        assertTrue(BootId.read(dir.resolve("missing")).startsWith("process-"));
    }
}
