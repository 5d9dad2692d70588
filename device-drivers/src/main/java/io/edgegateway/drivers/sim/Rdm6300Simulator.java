package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.rdm6300.Em4100Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A simulated RDM6300 on a {@link ChipSerialPort}: while a tag is in its field it writes the tag's 14-byte
 * frame every {@link #REPEAT_MILLIS}, as the module does (RDM6300 datasheet; the real period is not documented,
 * the readers' 220 ms and 500 ms windows imply it is shorter). {@link #present} holds one tag up for a while;
 * {@link #startScans} draws presentations at random from a tag list, the way badges come and go at a door.
 * Faults, each with a probability per frame: a wrong checksum, a burst of noise bytes before the frame, and a
 * frame cut short; {@link ChipSerialPort#splitReads} and {@link ChipSerialPort#unplug} on the port add split
 * reads and a pulled adapter. All timing runs on the given scheduler, so under {@link ManualTime} it is exact.
 */
public final class Rdm6300Simulator {
    /** Frame repeat period while a tag is held in the field. */
    public static final long REPEAT_MILLIS = 100;

    private final ChipSerialPort port;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private double badChecksumRate;
    private double noiseRate;
    private double truncateRate;
    private long framesSent;
    private Scheduler.Cancellable scans;

    public Rdm6300Simulator(ChipSerialPort port, Scheduler scheduler, RandomGenerator random) {
        this.port = port;
        this.scheduler = scheduler;
        this.random = random;
    }

    /** Sets fault probabilities per frame, each 0..1. */
    public synchronized Rdm6300Simulator faults(double badChecksum, double noise, double truncate) {
        this.badChecksumRate = badChecksum;
        this.noiseRate = noise;
        this.truncateRate = truncate;
        return this;
    }

    /** Holds {@code tag} in the field for {@code dwellMillis}, starting now: one frame now, then repeats. */
    public void present(Em4100Tag tag, long dwellMillis) {
        long frames = Math.max(1, (dwellMillis + REPEAT_MILLIS - 1) / REPEAT_MILLIS);
        for (long i = 0; i < frames; i++) {
            scheduler.schedule(() -> send(tag), i * REPEAT_MILLIS);
        }
    }

    /**
     * Presents tags drawn from {@code tags} over and over. Time is cut into cycles of
     * {@code 2 * gapMillis + dwellMillis}; in each, a random tag is held up for {@code dwellMillis}, starting
     * at a random point of the cycle's first {@code gapMillis}, so tags are apart by at least
     * {@code gapMillis}. Runs until {@link #stopScans}.
     */
    public synchronized void startScans(List<Em4100Tag> tags, long gapMillis, long dwellMillis) {
        stopScans();
        long cycle = 2 * gapMillis + dwellMillis;
        scans = scheduler.scheduleAtFixedRate(() -> {
            Em4100Tag tag = tags.get(random.nextInt(tags.size()));
            scheduler.schedule(() -> present(tag, dwellMillis), random.nextLong(Math.max(1, gapMillis)));
        }, 0, cycle);
    }

    public synchronized void stopScans() {
        if (scans != null) {
            scans.cancel();
            scans = null;
        }
    }

    public synchronized long framesSent() {
        return framesSent;
    }

    private synchronized void send(Em4100Tag tag) {
        byte[] frame = frame(tag);
        if (random.nextDouble() < badChecksumRate) {
            frame[12] = (byte) (frame[12] == '0' ? '1' : '0');
        }
        if (random.nextDouble() < noiseRate) {
            byte[] noise = new byte[1 + random.nextInt(20)];
            random.nextBytes(noise);
            port.deliver(noise);
        }
        if (random.nextDouble() < truncateRate) {
            frame = java.util.Arrays.copyOf(frame, 1 + random.nextInt(frame.length - 1));
        }
        framesSent++;
        port.deliver(frame);
    }

    /** The module's frame for {@code tag}: STX, ten hex digits, XOR checksum in two hex digits, ETX. */
    public static byte[] frame(Em4100Tag tag) {
        long data = (long) tag.customerCode() << 32 | tag.cardNumber();
        int xor = 0;
        for (int i = 0; i < 5; i++) {
            xor ^= (int) (data >> (8 * i)) & 0xFF;
        }
        String ascii = String.format("%010X%02X", data, xor);
        byte[] frame = new byte[14];
        frame[0] = 0x02;
        System.arraycopy(ascii.getBytes(StandardCharsets.US_ASCII), 0, frame, 1, 12);
        frame[13] = 0x03;
        return frame;
    }
}
