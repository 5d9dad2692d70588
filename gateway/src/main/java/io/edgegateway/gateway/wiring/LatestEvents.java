package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.DeviceEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest event of each device since the last {@link #drain}, so the device inventory (last seen, last
 * value) can be written to the state database every few seconds instead of once per event: the event path
 * only replaces a map entry. Thread-safe.
 */
public final class LatestEvents {
    private final Map<String, DeviceEvent> latest = new ConcurrentHashMap<>();

    void record(DeviceEvent e) {
        latest.merge(e.deviceId(), e, (old, now) -> now.timestampMs() >= old.timestampMs() ? now : old);
    }

    /** The newest event per device since the previous call, and forgets them. */
    public Map<String, DeviceEvent> drain() {
        Map<String, DeviceEvent> out = new HashMap<>();
        for (String id : latest.keySet()) {
            DeviceEvent e = latest.remove(id);
            if (e != null) {
                out.put(id, e);
            }
        }
        return out;
    }
}
