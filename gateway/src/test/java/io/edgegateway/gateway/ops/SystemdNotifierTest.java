package io.edgegateway.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemdNotifierTest {
    private final List<List<String>> ran = new ArrayList<>();

    @Test
    void withoutNotifySocketNothingRuns() {
        SystemdNotifier n = new SystemdNotifier(Map.of("WATCHDOG_USEC", "1000000"), 42, c -> {
            ran.add(c);
            return 0;
        });
        n.ready("up");
        n.watchdog();
        assertFalse(n.enabled());
        assertEquals(Optional.empty(), n.watchdogInterval());
        assertEquals(List.of(), ran);
    }

    @Test
    void underSystemdItNotifiesForItsOwnPidAndPingsAtHalfTheWatchdog() {
        SystemdNotifier n = new SystemdNotifier(Map.of("NOTIFY_SOCKET", "@/org/freedesktop/systemd1/notify",
                "WATCHDOG_USEC", "20000000", "WATCHDOG_PID", "42"), 42, c -> {
                    ran.add(c);
                    return 0;
                });
        n.ready("3 devices");
        n.watchdog();
        n.stopping();
        assertEquals(List.of(List.of("systemd-notify", "--pid=42", "READY=1", "STATUS=3 devices"),
                List.of("systemd-notify", "--pid=42", "WATCHDOG=1"),
                List.of("systemd-notify", "--pid=42", "STOPPING=1")), ran);
        assertEquals(Optional.of(Duration.ofSeconds(10)), n.watchdogInterval());
    }

    @Test
    void aWatchdogForAnotherPidOrGarbageIsIgnoredAndFailuresNeverThrow() {
        SystemdNotifier other = new SystemdNotifier(Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC", "20000000",
                "WATCHDOG_PID", "7"), 42, c -> 0);
        assertEquals(Optional.empty(), other.watchdogInterval());
        SystemdNotifier garbage = new SystemdNotifier(Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC", "soon"), 42,
                c -> 0);
        assertEquals(Optional.empty(), garbage.watchdogInterval());
        SystemdNotifier missing = new SystemdNotifier(Map.of("NOTIFY_SOCKET", "/run/x"), 42, c -> {
            throw new IOException("No such file or directory");
        });
        missing.ready("up");
        missing.watchdog();
        SystemdNotifier failing = new SystemdNotifier(Map.of("NOTIFY_SOCKET", "/run/x"), 42, c -> 1);
        failing.ready("up");
    }
}
