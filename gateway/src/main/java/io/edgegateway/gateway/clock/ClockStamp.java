package io.edgegateway.gateway.clock;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventHeaders;
import io.edgegateway.gateway.wiring.LogSink;
import io.edgegateway.log.Header;
import java.util.List;

/**
 * Adds the {@link ClockHeaders} to events stamped by an unsynchronized clock, so {@link TimestampCorrector}
 * can fix their timestamps once the clock is synchronized. Synchronized events get nothing: they need no
 * correction, and the 60-odd bytes per record add up on an SD card.
 */
public final class ClockStamp implements LogSink.Stamp {
    private final ClockSync clock;

    public ClockStamp(ClockSync clock) {
        this.clock = clock;
    }

    @Override
    public List<Header> headersFor(DeviceEvent event) {
        if (!"unsynchronized".equals(event.headers().get(EventHeaders.CLOCK_QUALITY))) {
            return List.of();
        }
        return List.of(Header.of(ClockHeaders.BOOT_ID, clock.bootId()),
                Header.of(ClockHeaders.BOOT_WALL_MS, Long.toString(clock.apparentBootWallMs())));
    }
}
