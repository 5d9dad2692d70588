package io.edgegateway.gateway.clock;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * systemd-timesyncd creates {@code /run/systemd/timesync/synchronized} once it has synchronized the clock
 * (systemd 239 and later; {@code systemd-time-wait-sync.service} waits for the same file). The file lives on
 * a tmpfs, so it disappears at reboot, exactly when the clock becomes untrusted again. chrony does not
 * create it; {@link ChronySignal} covers boards using chrony. The path is a parameter for tests.
 */
public final class TimesyncdSignal implements SyncSignal {
    public static final Path DEFAULT_FLAG = Path.of("/run/systemd/timesync/synchronized");

    private final Path flag;

    public TimesyncdSignal(Path flag) {
        this.flag = flag;
    }

    @Override
    public boolean isSynchronized() {
        return Files.exists(flag);
    }
}
