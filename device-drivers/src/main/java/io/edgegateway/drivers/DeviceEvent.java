package io.edgegateway.drivers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One reading or occurrence from one device, in the shape the local log stores it: the device id is the
 * key (so one device's events stay ordered in one partition), the value is UTF-8 JSON whose field names
 * carry their unit ({@code temperature_c}, {@code duration_ms}), the timestamp is the event time in epoch
 * milliseconds as read from the driver's clock, and the headers describe where the event came from
 * (see {@link EventHeaders}). Immutable: the value array and header map are copied in and out.
 */
public final class DeviceEvent {
    private final String deviceId;
    private final byte[] value;
    private final long timestampMs;
    private final Map<String, String> headers;

    public DeviceEvent(String deviceId, byte[] value, long timestampMs, Map<String, String> headers) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.value = Objects.requireNonNull(value, "value").clone();
        this.timestampMs = timestampMs;
        this.headers = Map.copyOf(headers);
    }

    public String deviceId() {
        return deviceId;
    }

    /** The record key for the log: the device id in UTF-8. */
    public byte[] key() {
        return deviceId.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] value() {
        return value.clone();
    }

    /** The value decoded as UTF-8, for logs, tests and the live tail. */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    public long timestampMs() {
        return timestampMs;
    }

    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceEvent e && e.deviceId.equals(deviceId) && Arrays.equals(e.value, value)
                && e.timestampMs == timestampMs && e.headers.equals(headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, Arrays.hashCode(value), timestampMs, headers);
    }

    @Override
    public String toString() {
        return "DeviceEvent{" + deviceId + " @" + timestampMs + " " + valueAsString() + " " + headers + "}";
    }
}
