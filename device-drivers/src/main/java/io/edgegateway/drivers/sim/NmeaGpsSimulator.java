package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A simulated NMEA 0183 GPS receiver on a {@link ChipSerialPort}: once a second it sends RMC, GGA and GSA for
 * the current second, in that order as u-blox modules do, while moving along a straight track at a constant
 * speed and heading from a start point (a flat-earth step, fine for the few km a test covers). GPS time
 * starts at a given instant and advances with the scheduler, independently of the gateway's wall clock, so
 * tests can check the clock offset a time event reports. Faults: a probability per sentence of a wrong
 * checksum and of a noise burst before it, losing the fix (RMC status V, GGA quality 0 with empty position),
 * and falling silent; split reads and unplugging are done on the port.
 */
public final class NmeaGpsSimulator {
    private static final double METRES_PER_DEGREE = 111_320.0;

    private final ChipSerialPort port;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private long gpsMillis;
    private double latDeg;
    private double lonDeg;
    private final double speedKnots;
    private final double headingDeg;
    private double badChecksumRate;
    private double noiseRate;
    private boolean fix = true;
    private boolean silent;
    private long epochs;
    private Scheduler.Cancellable task;

    public NmeaGpsSimulator(ChipSerialPort port, Scheduler scheduler, RandomGenerator random, Instant gpsStart,
                            double latDeg, double lonDeg, double speedKnots, double headingDeg) {
        this.port = port;
        this.scheduler = scheduler;
        this.random = random;
        this.gpsMillis = gpsStart.toEpochMilli();
        this.latDeg = latDeg;
        this.lonDeg = lonDeg;
        this.speedKnots = speedKnots;
        this.headingDeg = headingDeg;
    }

    /** Starts the 1 Hz output; the first epoch goes out after {@code initialDelayMillis}. */
    public synchronized void start(long initialDelayMillis) {
        if (task == null) {
            task = scheduler.scheduleAtFixedRate(this::epoch, initialDelayMillis, 1_000);
        }
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    /** Probabilities per sentence, 0..1. */
    public synchronized NmeaGpsSimulator faults(double badChecksum, double noise) {
        this.badChecksumRate = badChecksum;
        this.noiseRate = noise;
        return this;
    }

    /** With false the receiver keeps talking but reports no fix, as under a roof. */
    public synchronized void setFix(boolean value) {
        fix = value;
    }

    /** With true the receiver stops sending altogether (power lost, TX wire off). */
    public synchronized void setSilent(boolean value) {
        silent = value;
    }

    public synchronized long epochs() {
        return epochs;
    }

    public synchronized double latitude() {
        return latDeg;
    }

    public synchronized double longitude() {
        return lonDeg;
    }

    private synchronized void epoch() {
        ZonedDateTime t = Instant.ofEpochMilli(gpsMillis).atZone(ZoneOffset.UTC);
        if (!silent) {
            epochs++;
            String time = String.format(Locale.ROOT, "%02d%02d%02d.00", t.getHour(), t.getMinute(), t.getSecond());
            String date = String.format(Locale.ROOT, "%02d%02d%02d", t.getDayOfMonth(), t.getMonthValue(),
                    t.getYear() % 100);
            String lat = angle(Math.abs(latDeg), 2) + (latDeg < 0 ? ",S" : ",N");
            String lon = angle(Math.abs(lonDeg), 3) + (lonDeg < 0 ? ",W" : ",E");
            if (fix) {
                send(String.format(Locale.ROOT, "GPRMC,%s,A,%s,%s,%.2f,%.1f,%s,,,A", time, lat, lon, speedKnots,
                        headingDeg, date));
                send(String.format(Locale.ROOT, "GPGGA,%s,%s,%s,1,%02d,0.9,%.1f,M,47.0,M,,", time, lat, lon,
                        7 + random.nextInt(5), 540.0 + random.nextDouble()));
                send("GPGSA,A,3,04,05,09,12,,,,,,,,,1.8,0.9,1.5");
            } else {
                send(String.format(Locale.ROOT, "GPRMC,%s,V,,,,,,,%s,,,N", time, date));
                send(String.format(Locale.ROOT, "GPGGA,%s,,,,,0,00,99.99,,,,,,", time));
            }
        }
        gpsMillis += 1_000;
        double metres = speedKnots * 1852.0 / 3600.0;
        latDeg += metres * Math.cos(Math.toRadians(headingDeg)) / METRES_PER_DEGREE;
        lonDeg += metres * Math.sin(Math.toRadians(headingDeg))
                / (METRES_PER_DEGREE * Math.cos(Math.toRadians(latDeg)));
    }

    /** ddmm.mmmm (or dddmm.mmmm for longitude). */
    private static String angle(double deg, int degreeDigits) {
        int whole = (int) deg;
        double minutes = (deg - whole) * 60;
        if (minutes >= 59.99995) {
            whole++;
            minutes = 0;
        }
        return String.format(Locale.ROOT, "%0" + degreeDigits + "d%07.4f", whole, minutes);
    }

    private void send(String body) {
        int xor = Integer.parseInt(checksum(body), 16);
        if (random.nextDouble() < badChecksumRate) {
            xor ^= 1 + random.nextInt(255);
        }
        if (random.nextDouble() < noiseRate) {
            byte[] noise = new byte[1 + random.nextInt(16)];
            random.nextBytes(noise);
            port.deliver(noise);
        }
        port.deliver(String.format("$%s*%02X\r\n", body, xor).getBytes(StandardCharsets.US_ASCII));
    }

    /** The NMEA checksum of a sentence body (between {@code $} and {@code *}), for tests building sentences. */
    public static String checksum(String body) {
        int xor = 0;
        for (int i = 0; i < body.length(); i++) {
            xor ^= body.charAt(i);
        }
        return String.format("%02X", xor);
    }
}
