package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bandwidth cap, daily budget and drain rate, on a hand-moved clock. */
class MeteringTest {
    final TestClock clock = new TestClock(1_700_000_000_000L);

    @Test
    void throttleKeepsTheAverageAtTheCapWithOneSecondOfBurst() {
        Throttle t = new Throttle(10_000, clock::nanos);
        assertEquals(0, t.reserve(10_000), "one second of credit");
        long wait = t.reserve(5_000);
        assertEquals(500_000_000L, wait, "then 5000 bytes at 10 kB/s");
        clock.advance(500);
        assertEquals(1_000_000_000L, t.reserve(10_000));
        // Over 100 s of steady sending, the bytes booked never run ahead of the cap by more than the burst.
        long sent = 0;
        for (int i = 0; i < 1000; i++) {
            long w = t.reserve(1_000);
            clock.advance(w / 1_000_000);
            sent += 1_000;
        }
        assertTrue(sent <= 10_000L * (100 + 2), "sent " + sent);
        assertEquals(10_000, t.batchBytes(4 << 20), "a batch holds about one second of the cap");
        Throttle off = new Throttle(0, clock::nanos);
        assertFalse(off.enabled());
        assertEquals(0, off.reserve(1 << 30));
    }

    @Test
    void dailyBudgetRefillsAtUtcMidnight() {
        long midnight = Math.floorDiv(clock.millis(), DailyBudget.DAY_MS) * DailyBudget.DAY_MS;
        clock.advance(midnight + DailyBudget.DAY_MS - 3_600_000 - clock.millis());
        DailyBudget b = new DailyBudget(1_000, clock);
        assertTrue(b.enabled());
        b.consume(600);
        assertEquals(400, b.remaining());
        b.consume(600);
        assertEquals(0, b.remaining());
        assertEquals(3_600_000, b.millisUntilRefill());
        clock.advance(3_600_000);
        assertEquals(1_000, b.remaining());
        assertEquals(0, b.usedToday());
        assertEquals(Long.MAX_VALUE, new DailyBudget(0, clock).remaining());
    }

    @Test
    void drainRateIsTheAverageOfTheLastTenWholeSeconds() {
        RateMeter m = new RateMeter(clock::millis);
        clock.advance(1_000 - clock.millis() % 1_000);
        for (int s = 0; s < 10; s++) {
            m.record(300);
            clock.advance(1_000);
        }
        assertEquals(300.0, m.perSecond(), 0.001);
        clock.advance(5_000);
        assertEquals(150.0, m.perSecond(), 0.001);
        clock.advance(60_000);
        assertEquals(0.0, m.perSecond(), 0.001);
    }

    @Test
    void dailyBudgetContinuesFromItsFileAfterARestartTheSameDay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("uplink").resolve("uplink.budget");
        DailyBudget b = new DailyBudget(1_000, clock, file);
        b.consume(700);
        assertEquals(300, new DailyBudget(1_000, clock, file).remaining(), "a restart the same day");
        assertEquals(700, new DailyBudget(1_000, clock, file).usedToday());

        clock.advance(DailyBudget.DAY_MS);
        DailyBudget tomorrow = new DailyBudget(1_000, clock, file);
        assertEquals(1_000, tomorrow.remaining(), "yesterday's bytes do not count");
        tomorrow.consume(10);
        assertEquals(990, new DailyBudget(1_000, clock, file).remaining());
        assertEquals(Long.MAX_VALUE, new DailyBudget(0, clock, file).remaining(), "no budget, file ignored");
    }

    @Test
    void dailyBudgetToleratesAMissingDamagedOrUnwritableFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("uplink.budget");
        assertEquals(1_000, new DailyBudget(1_000, clock, file).remaining(), "missing: a fresh day");
        for (String damaged : List.of("", "garbage", "edge-uplink-daily-budget 1\nday=x\nused=5\n",
                "edge-uplink-daily-budget 1\nday=" + Math.floorDiv(clock.millis(), DailyBudget.DAY_MS)
                        + "\nused=-5\n", "edge-uplink-daily-budget 1\nday=1\n")) {
            Files.writeString(file, damaged);
            DailyBudget b = new DailyBudget(1_000, clock, file);
            assertEquals(1_000, b.remaining(), "damaged file '" + damaged + "' counts from zero");
            b.consume(100);
            assertEquals(900, new DailyBudget(1_000, clock, file).remaining(), "and is replaced by a good one");
        }
        // A file where its folder should be: writing fails; forwarding must not notice beyond a warning.
        Path blocked = dir.resolve("not-a-folder");
        Files.writeString(blocked, "x");
        DailyBudget b = new DailyBudget(1_000, clock, blocked.resolve("uplink.budget"));
        b.consume(400);
        b.consume(400);
        assertEquals(200, b.remaining(), "still counted in memory");
    }
}
