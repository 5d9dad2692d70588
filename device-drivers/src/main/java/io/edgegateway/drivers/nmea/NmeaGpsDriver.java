package io.edgegateway.drivers.nmea;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.SerialPump;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.SerialParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an NMEA 0183 receiver and emits two kinds of event. A {@code position} event per valid GGA (at most
 * one per position interval) with fix quality, satellites, HDOP and altitude, plus speed and course when
 * the receiver sent a valid RMC for the same second first (u-blox order: RMC before GGA). A {@code time}
 * event per valid RMC (at most one per time interval) with the GPS UTC instant and its difference to the
 * gateway's wall clock, which the gateway uses to correct its clock. Fixes the receiver marks invalid are
 * rejected, never emitted. Rate limits use the monotonic clock so a wall-clock step cannot stall them.
 */
final class NmeaGpsDriver implements Driver, NmeaDecoder.Listener {
    private final NmeaGpsOptions options;
    private final Buses buses;
    private final NmeaDecoder decoder;
    private DriverContext context;
    private SerialPump pump;
    private RmcFix lastRmc;
    private long lastPositionNanos = Long.MIN_VALUE;
    private long lastTimeNanos = Long.MIN_VALUE;

    NmeaGpsDriver(NmeaGpsOptions options, Buses buses) {
        this.options = options;
        this.buses = buses;
        this.decoder = new NmeaDecoder(options.maxSentenceLength(), options.requireChecksum());
    }

    @Override
    public void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        pump = SerialPump.open(buses, options.port(), SerialParams.of8N1(options.baud()), ctx, options.pollIntervalMs(), options.silenceTimeoutMs(),
                (buf, off, len) -> decoder.feed(buf, off, len, this));
    }

    @Override
    public void onGga(GgaFix fix) {
        long now = context.clock().monotonicNanos();
        if (!due(lastPositionNanos, now, options.positionIntervalMs())) {
            return;
        }
        lastPositionNanos = now;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("kind", "position");
        v.put("lat_deg", fix.latitudeDeg());
        v.put("lon_deg", fix.longitudeDeg());
        putIfPresent(v, "altitude_m", fix.altitudeM());
        v.put("fix", fix.qualityName());
        v.put("fix_quality", fix.quality());
        putIfPresent(v, "satellites", fix.satellites());
        putIfPresent(v, "hdop", fix.hdop());
        v.put("gps_time", fix.utcTime().toString());
        if (lastRmc != null && lastRmc.utcTime().equals(fix.utcTime())) {
            if (lastRmc.speedKnots() != null) {
                v.put("speed_kn", lastRmc.speedKnots());
                v.put("speed_m_s", Math.round(lastRmc.speedKnots() * RmcFix.METRES_PER_SECOND_PER_KNOT * 1000)
                        / 1000.0);
            }
            putIfPresent(v, "course_deg", lastRmc.courseDeg());
        }
        context.emit(context.clock().wallMillis(), v);
    }

    @Override
    public void onRmc(RmcFix fix) {
        lastRmc = fix;
        long now = context.clock().monotonicNanos();
        if (!due(lastTimeNanos, now, options.timeIntervalMs())) {
            return;
        }
        lastTimeNanos = now;
        long wall = context.clock().wallMillis();
        long gps = fix.utc().toEpochMilli();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("kind", "time");
        v.put("gps_utc", fix.utc().toString());
        v.put("gps_utc_ms", gps);
        // Positive when the gateway clock is behind GPS. Includes the sentence's transmission delay (up to a
        // few hundred ms after the second it describes), so it is good for coarse correction only.
        v.put("clock_offset_ms", gps - wall);
        v.put("lat_deg", fix.latitudeDeg());
        v.put("lon_deg", fix.longitudeDeg());
        context.emit(wall, v);
    }

    /**
     * Whether an interval has passed, less one poll interval of slack: a fix is seen at the first poll after
     * it arrived, so fixes sent exactly 1 s apart can be seen up to one poll interval less apart, and a 1 s
     * position interval must not drop every other fix because of that.
     */
    private boolean due(long lastNanos, long nowNanos, long intervalMs) {
        long slackMs = Math.min(options.pollIntervalMs(), intervalMs / 2);
        return lastNanos == Long.MIN_VALUE || nowNanos - lastNanos >= (intervalMs - slackMs) * 1_000_000;
    }

    private static void putIfPresent(Map<String, Object> v, String key, Object value) {
        if (value != null) {
            v.put(key, value);
        }
    }

    @Override
    public void onReject(String reason, String detail) {
        context.reject(reason, detail);
    }

    @Override
    public void stop() {
        if (pump != null) {
            pump.close();
        }
    }
}
