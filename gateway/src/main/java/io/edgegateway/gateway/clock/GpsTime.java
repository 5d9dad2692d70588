package io.edgegateway.gateway.clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventHeaders;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns the boot's true start from the {@code time} events of {@code nmea-gps} devices (one per valid RMC,
 * carrying the GPS UTC instant and {@code clock_offset_ms}, GPS time minus the wall clock when the sentence
 * was read), for boards whose only time source is a GPS receiver. The system clock is not set: an offset
 * beyond {@link #TOLERANCE_MS} goes to {@link ClockSync#referenceOffset}, and unsynchronized events are
 * corrected later; a smaller one is within what NMEA timing can tell and changes nothing. The driver already
 * refuses bad sentences and invalid fixes; what is refused here is counted by reason and logged once per
 * reason: a value that is no time event of the expected shape ({@code malformed}), and a GPS date before
 * {@link #EARLIEST_MS}, which is what a receiver with the GPS week-number rollover bug reports
 * ({@code implausible}). Called on the drivers' threads for every event, so it returns at once for everything
 * but GPS events, and for those too once the boot's start is known.
 */
public final class GpsTime implements Consumer<DeviceEvent> {
    /** 2020-01-01T00:00:00Z: no correctly working receiver reports an earlier date on a board built since. */
    public static final long EARLIEST_MS = 1_577_836_800_000L;
    public static final String DEVICE_TYPE = "nmea-gps";
    /**
     * Offsets up to this size are not taken as a clock error: an NMEA sentence arrives up to a few hundred ms
     * after its second, its time has whole seconds, and receivers differ in when they send. A board without a
     * clock source is off by far more (the last shutdown time, or 1970).
     */
    public static final long TOLERANCE_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(GpsTime.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClockSync clock;
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private volatile boolean agreed;

    public GpsTime(ClockSync clock) {
        this.clock = clock;
    }

    @Override
    public void accept(DeviceEvent e) {
        if (!DEVICE_TYPE.equals(e.headers().get(EventHeaders.DEVICE_TYPE)) || clock.trueBootWallMs().isPresent()) {
            return;
        }
        JsonNode v;
        try {
            v = JSON.readTree(e.value());
        } catch (IOException | RuntimeException ex) {
            reject("malformed", e, "value is not JSON");
            return;
        }
        if (v == null || !"time".equals(v.path("kind").asText())) {
            return;
        }
        JsonNode gps = v.get("gps_utc_ms");
        JsonNode offset = v.get("clock_offset_ms");
        if (gps == null || offset == null || !gps.canConvertToLong() || !offset.canConvertToLong()
                || !gps.isIntegralNumber() || !offset.isIntegralNumber()) {
            reject("malformed", e, "gps_utc_ms and clock_offset_ms must be whole numbers");
            return;
        }
        if (gps.asLong() - offset.asLong() != e.timestampMs()) {
            reject("malformed", e, "gps_utc_ms minus clock_offset_ms is not the event's timestamp");
            return;
        }
        if (gps.asLong() < EARLIEST_MS) {
            reject("implausible", e, "GPS date " + java.time.Instant.ofEpochMilli(gps.asLong())
                    + " is before 2020 (receiver with the week-number rollover bug?)");
            return;
        }
        if (Math.abs(offset.asLong()) <= TOLERANCE_MS) {
            if (!agreed) {
                agreed = true;
                LOG.info("GPS receiver {} agrees with the wall clock ({} ms apart); nothing to correct",
                        e.deviceId(), offset.asLong());
            }
            return;
        }
        clock.referenceOffset(offset.asLong(), "GPS receiver " + e.deviceId());
    }

    /** Publishes {@code edge_clock_gps_rejected_total{reason}} for both reasons. */
    public void bindTo(MeterRegistry registry) {
        for (String reason : new String[] {"malformed", "implausible"}) {
            FunctionCounter.builder("edge.clock.gps.rejected", rejected, m -> {
                LongAdder n = m.get(reason);
                return n == null ? 0 : n.sum();
            }).tag("reason", reason).description("GPS time events not used for the clock").register(registry);
        }
    }

    /** Refused time events by reason. */
    public Map<String, Long> rejected() {
        Map<String, Long> out = new java.util.TreeMap<>();
        rejected.forEach((k, n) -> out.put(k, n.sum()));
        return out;
    }

    private void reject(String reason, DeviceEvent e, String detail) {
        LongAdder n = rejected.computeIfAbsent(reason, k -> new LongAdder());
        n.increment();
        if (n.sum() == 1) {
            LOG.warn("GPS time from {} not used ({}): {}; further ones are only counted", e.deviceId(), reason,
                    detail);
        }
    }
}
