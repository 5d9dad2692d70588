package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The connectivity state machine, the backoff and the stall watchdog, on a hand-moved clock. */
class ConnectivityTest {
    final TestClock clock = new TestClock(1_000_000);
    final List<String> transitions = new ArrayList<>();
    final UplinkListener listener = new UplinkListener() {
        @Override
        public void onStateChange(ConnectivityState from, ConnectivityState to, String reason) {
            transitions.add(from + ">" + to);
        }
    };

    @Test
    void degradedThenOfflineThenOnlineWithOneTransitionEach() {
        Connectivity c = new Connectivity(clock, 10_000, listener);
        assertEquals(ConnectivityState.DEGRADED, c.state(), "nothing is known before the first answer");
        c.success();
        c.success();
        c.failure("timeout");
        clock.advance(5_000);
        c.failure("timeout");
        assertEquals(ConnectivityState.DEGRADED, c.state());
        clock.advance(5_000);
        c.failure("timeout");
        c.failure("timeout");
        assertEquals(ConnectivityState.OFFLINE, c.state());
        clock.advance(20_000);
        c.success();
        assertEquals(List.of("DEGRADED>ONLINE", "ONLINE>DEGRADED", "DEGRADED>OFFLINE", "OFFLINE>ONLINE"), transitions);
        assertEquals(2L, c.transitions().get(ConnectivityState.ONLINE));
        assertEquals(2L, c.transitions().get(ConnectivityState.DEGRADED));
        assertEquals(1L, c.transitions().get(ConnectivityState.OFFLINE));
        assertEquals(20_000L, c.millisInState().get(ConnectivityState.OFFLINE));
        assertEquals(10_000L, c.millisInState().get(ConnectivityState.DEGRADED));
        assertEquals("timeout", c.lastError());
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        double[] r = {0.0};
        Backoff b = new Backoff(100, 1_000, () -> r[0]);
        assertEquals(50, b.nextDelayMs());
        assertEquals(100, b.nextDelayMs());
        assertEquals(200, b.nextDelayMs());
        r[0] = 0.999999;
        assertEquals(799, b.nextDelayMs());
        for (int i = 0; i < 100; i++) {
            long d = b.nextDelayMs();
            assertTrue(d >= 500 && d <= 1_000, "capped: " + d);
        }
        b.reset();
        r[0] = 0.5;
        assertEquals(75, b.nextDelayMs());
    }

    @Test
    void watchdogReportsOnlineWithBacklogButNoCommits() {
        Connectivity c = new Connectivity(clock, 10_000, listener);
        AtomicLong backlog = new AtomicLong(500);
        AtomicLong lastCommit = new AtomicLong(-1);
        AtomicInteger rebuilds = new AtomicInteger();
        List<Long> reported = new ArrayList<>();
        StallWatchdog w = new StallWatchdog(clock, 60_000, c, backlog::get, lastCommit::get, rebuilds::incrementAndGet,
                new UplinkListener() {
                    @Override
                    public void onStall(long sinceMs) {
                        reported.add(sinceMs);
                    }
                }, () -> false);
        w.check();
        clock.advance(120_000);
        w.check();
        assertEquals(0, rebuilds.get(), "not online: the state machine already says so");

        c.success();
        w.check();
        clock.advance(59_000);
        w.check();
        assertEquals(0, rebuilds.get(), "online for less than the timeout");
        lastCommit.set(clock.millis());
        clock.advance(59_000);
        w.check();
        assertEquals(0, rebuilds.get(), "a commit restarts the clock");
        clock.advance(2_000);
        backlog.set(0);
        w.check();
        assertEquals(0, rebuilds.get(), "nothing waiting is not a stall");
        backlog.set(10);
        w.check();
        assertEquals(1, rebuilds.get());
        assertEquals(List.of(61_000L), reported);
        assertEquals(ConnectivityState.DEGRADED, c.state(), "a stall is not online");
        assertEquals(1, w.stalls());
    }
}
