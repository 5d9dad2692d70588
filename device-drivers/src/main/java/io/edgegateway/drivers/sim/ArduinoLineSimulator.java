package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Scheduler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A simulated Arduino-style sensor board on a {@link ChipSerialPort}. Every period it prints one line such as
 * {@code T=21.53 H=44.2 door=0} with CR LF ({@code Serial.println}): temperature in °C follows a daily sine
 * (min at 04:00, max at 16:00, 20 ± 4 °C) plus noise, relative humidity moves against it, and the door
 * contact flips now and then. Like a real board it resets when the host opens the port (DTR) and prints a
 * boot banner first. Faults, as probabilities per line: a failed sensor read printed as {@code nan} (what
 * the DHT libraries print), a noise burst, a line far beyond any sane length, and a line cut off before its
 * end; the port adds split reads and unplugging, {@link #setSilent} a hung sketch.
 */
public final class ArduinoLineSimulator {
    public static final String BANNER = "# sensor board v1.2 ready";
    /** A pattern and field list that map the board's lines, for tests and the docs. */
    public static final String PATTERN = "T=(?<temperature>\\S+) H=(?<humidity>\\S+) door=(?<door>\\d)";
    public static final String FIELDS = "temperature:decimal:c, humidity:decimal:pct, door:boolean";

    private static final long DAY_MILLIS = 86_400_000L;

    private final ChipSerialPort port;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final long wallStartMillis;
    private long elapsedMillis;
    private int seenOpens;
    private boolean door;
    private boolean silent;
    private boolean cutBefore;
    private double nanRate;
    private double noiseRate;
    private double overlongRate;
    private double cutRate;
    private long lines;
    private Scheduler.Cancellable task;

    /** {@code wallStartMillis} places the simulation on the daily curve. */
    public ArduinoLineSimulator(ChipSerialPort port, Scheduler scheduler, RandomGenerator random,
                                long wallStartMillis) {
        this.port = port;
        this.scheduler = scheduler;
        this.random = random;
        this.wallStartMillis = wallStartMillis;
    }

    public synchronized void start(long periodMillis) {
        if (task == null) {
            task = scheduler.scheduleAtFixedRate(() -> tick(periodMillis), periodMillis, periodMillis);
        }
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    /** Probabilities per line, 0..1. */
    public synchronized ArduinoLineSimulator faults(double nan, double noise, double overlong, double cut) {
        this.nanRate = nan;
        this.noiseRate = noise;
        this.overlongRate = overlong;
        this.cutRate = cut;
        return this;
    }

    public synchronized void setSilent(boolean value) {
        silent = value;
    }

    /** Data lines sent intact so far: banners, faulty lines and lines hit by noise or a cut are not counted. */
    public synchronized long lines() {
        return lines;
    }

    /** The temperature the board would report at {@code wallMillis}, without noise. */
    public static double temperatureAt(long wallMillis) {
        double dayFraction = Math.floorMod(wallMillis, DAY_MILLIS) / (double) DAY_MILLIS;
        return 20 + 4 * Math.sin(2 * Math.PI * (dayFraction - 10.0 / 24));
    }

    private synchronized void tick(long periodMillis) {
        elapsedMillis += periodMillis;
        if (silent) {
            return;
        }
        if (port.opens() != seenOpens) {
            seenOpens = port.opens();
            print(BANNER + "\r\n");
        }
        if (random.nextInt(20) == 0) {
            door = !door;
        }
        double t = temperatureAt(wallStartMillis + elapsedMillis) + random.nextGaussian() * 0.1;
        double h = 45 - 2.5 * (t - 20) + random.nextGaussian() * 0.5;
        boolean nan = random.nextDouble() < nanRate;
        String line = nan ? String.format(Locale.ROOT, "T=nan H=nan door=%d", door ? 1 : 0)
                : String.format(Locale.ROOT, "T=%.2f H=%.1f door=%d", t, h, door ? 1 : 0);
        // A line is clean when nothing before it on the wire (noise, a cut-off line) runs into it.
        boolean clean = !nan && !cutBefore;
        cutBefore = false;
        if (random.nextDouble() < noiseRate) {
            byte[] noise = new byte[1 + random.nextInt(12)];
            random.nextBytes(noise);
            for (int i = 0; i < noise.length; i++) {
                if (noise[i] == '\n' || noise[i] == '\r') {
                    noise[i] = 0; // keep the burst glued to the line it precedes, so its effect is known
                }
            }
            port.deliver(noise);
            clean = false;
        }
        if (random.nextDouble() < overlongRate) {
            print("X".repeat(600) + "\r\n");
            return;
        }
        if (random.nextDouble() < cutRate) {
            print(line.substring(0, 1 + random.nextInt(line.length() - 1)));
            cutBefore = true;
            return;
        }
        print(line + "\r\n");
        if (clean) {
            lines++;
        }
    }

    private void print(String s) {
        port.deliver(s.getBytes(StandardCharsets.US_ASCII));
    }
}
