package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.RawI2cDevice;
import io.edgegateway.drivers.pn532.Iso14443aTarget;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A simulated NXP PN532 answering host frames over HSU (a {@link ChipSerialPort}) or I2C ({@link #openI2c}),
 * with cards presented from a list. It parses frames on its own rather than with the driver's decoder, so a
 * framing bug cannot hide on both sides. Behaviour (UM0701 §6.2): on HSU it ignores
 * everything until the {@code 55} wake-up byte; each good command is ACKed at once and answered after a short
 * processing time; a frame with a bad LCS/DCS is NACKed; a host NACK makes it resend its last response and a
 * host ACK aborts the pending one. Commands: GetFirmwareVersion (IC {@code 32}, v1.6 unless changed),
 * SAMConfiguration, RFConfiguration, InListPassiveTarget (the card in the field, if any, else NbTg 0);
 * anything else gets an error frame. Over I2C every read starts with the status byte ({@code 01} ready). Faults:
 * probabilities per response of a corrupted DCS and (HSU) of noise bytes before it, a probability per command
 * of no answer at all, and {@link #unplug}. Timing runs on the given scheduler.
 */
public final class Pn532Simulator {
    /** Fixed I2C address of the PN532 (0x48 >> 1). */
    public static final int I2C_ADDRESS = 0x24;
    private static final byte[] ACK = {0x00, 0x00, (byte) 0xFF, 0x00, (byte) 0xFF, 0x00};
    private static final byte[] NACK = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00};
    private static final byte[] ERROR = {0x00, 0x00, (byte) 0xFF, 0x01, (byte) 0xFF, 0x7F, (byte) 0x81, 0x00};
    private static final long PROCESSING_MILLIS = 3;
    private static final long NO_TARGET_MILLIS = 25;

    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final ChipSerialPort hsu;
    private final ByteArrayOutputStream hsuInput = new ByteArrayOutputStream();
    private final ArrayDeque<byte[]> i2cOutput = new ArrayDeque<>();
    private boolean awake;
    private boolean unplugged;
    private byte[] lastResponse;
    private Scheduler.Cancellable pendingResponse;
    private Iso14443aTarget inField;
    private byte[] firmware = {0x32, 0x01, 0x06, 0x07};
    private double badChecksumRate;
    private double noiseRate;
    private double dropRate;
    private long commands;
    private long polls;
    private boolean samConfigured;
    private Scheduler.Cancellable scans;

    public Pn532Simulator(Scheduler scheduler, RandomGenerator random, String hsuPath) {
        this.scheduler = scheduler;
        this.random = random;
        this.hsu = new ChipSerialPort(hsuPath);
        hsu.onHostWrite(this::onHsuBytes);
    }

    /** The UART side, to be opened by the host as a serial port. */
    public ChipSerialPort hsu() {
        return hsu;
    }

    /** Opens the I2C side as a host would; fails like a missing device when unplugged or addressed wrongly. */
    public synchronized RawI2cDevice openI2c(int bus, int address) throws BusException {
        if (unplugged || address != I2C_ADDRESS) {
            throw new BusException(String.format("no ACK from I2C address 0x%02X on bus %d", address, bus));
        }
        return new I2cSide(bus, address);
    }

    /** Probabilities: per response a corrupted DCS and a noise burst (HSU); per command no answer at all. */
    public synchronized Pn532Simulator faults(double badChecksum, double noise, double drop) {
        this.badChecksumRate = badChecksum;
        this.noiseRate = noise;
        this.dropRate = drop;
        return this;
    }

    /** GetFirmwareVersion answer: IC, version, revision, support; IC other than 32 is another chip. */
    public synchronized void firmware(int ic, int version, int revision, int support) {
        firmware = new byte[] {(byte) ic, (byte) version, (byte) revision, (byte) support};
    }

    public synchronized void present(Iso14443aTarget card) {
        inField = card;
    }

    public synchronized void remove() {
        inField = null;
    }

    /** Holds a random card of {@code cards} in the field for {@code dwellMillis} of every cycle. */
    public synchronized void startScans(List<Iso14443aTarget> cards, long gapMillis, long dwellMillis) {
        stopScans();
        scans = scheduler.scheduleAtFixedRate(() -> {
            present(cards.get(random.nextInt(cards.size())));
            scheduler.schedule(this::remove, dwellMillis);
        }, gapMillis, gapMillis + dwellMillis);
    }

    public synchronized void stopScans() {
        if (scans != null) {
            scans.cancel();
            scans = null;
        }
    }

    /** Pulls the module: I2C transfers fail, the HSU port disappears, and the chip is asleep when it returns. */
    public synchronized void unplug() {
        unplugged = true;
        awake = false;
        samConfigured = false;
        hsuInput.reset();
        i2cOutput.clear();
        hsu.unplug();
    }

    public synchronized void plugIn() {
        unplugged = false;
        hsu.plugIn();
    }

    public synchronized long commands() {
        return commands;
    }

    /** InListPassiveTarget commands answered. */
    public synchronized long polls() {
        return polls;
    }

    public synchronized boolean samConfigured() {
        return samConfigured;
    }

    // ---- host side input ----

    private synchronized void onHsuBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0x55) {
                awake = true; // wake-up byte; the zeros that follow are just preamble to the parser
            } else if (awake) {
                hsuInput.write(b);
            }
        }
        byte[] in = hsuInput.toByteArray();
        int used = parseFrames(in, false);
        hsuInput.reset();
        hsuInput.write(in, used, in.length - used);
    }

    /** Handles complete frames in {@code in}; returns how many bytes were consumed. */
    private int parseFrames(byte[] in, boolean i2c) {
        int p = 0;
        while (true) {
            int start = indexOfStartCode(in, p);
            if (start < 0) {
                return Math.max(p, in.length - 1);
            }
            if (start + 4 > in.length) {
                return start;
            }
            int len = in[start + 2] & 0xFF;
            int lcs = in[start + 3] & 0xFF;
            if (len == 0x00 && lcs == 0xFF) {
                abort(i2c);
                p = start + 4;
                continue;
            }
            if (len == 0xFF && lcs == 0x00) {
                resend(i2c);
                p = start + 4;
                continue;
            }
            if (((len + lcs) & 0xFF) != 0 || len < 2) {
                respond(NACK, 0, i2c, false);
                p = start + 2;
                continue;
            }
            if (start + 5 + len > in.length) {
                return start;
            }
            int sum = 0;
            for (int i = start + 4; i < start + 5 + len; i++) {
                sum += in[i] & 0xFF;
            }
            if ((sum & 0xFF) != 0 || (in[start + 4] & 0xFF) != 0xD4) {
                respond(NACK, 0, i2c, false);
            } else {
                command(Arrays.copyOfRange(in, start + 5, start + 4 + len), i2c);
            }
            p = start + 5 + len;
        }
    }

    private static int indexOfStartCode(byte[] in, int from) {
        for (int i = from; i + 1 < in.length; i++) {
            if (in[i] == 0x00 && in[i + 1] == (byte) 0xFF) {
                return i;
            }
        }
        return -1;
    }

    private void command(byte[] cmd, boolean i2c) {
        commands++;
        if (random.nextDouble() < dropRate) {
            return;
        }
        respond(ACK, 0, i2c, false);
        int code = cmd[0] & 0xFF;
        byte[] answer;
        long delay = PROCESSING_MILLIS;
        switch (code) {
            case 0x02 -> answer = concat(new byte[] {0x03}, firmware);
            case 0x14 -> {
                samConfigured = true;
                answer = new byte[] {0x15};
            }
            case 0x32 -> answer = new byte[] {0x33};
            case 0x4A -> {
                polls++;
                answer = inListAnswer();
                delay = inField == null ? NO_TARGET_MILLIS : PROCESSING_MILLIS;
            }
            default -> {
                respond(ERROR, delay, i2c, false);
                return;
            }
        }
        respond(frame(answer), delay, i2c, true);
    }

    /** NbTg, then Tg 1, SENS_RES, SEL_RES, NFCIDLength, NFCID1 and, for ISO 14443-4 cards, the ATS. */
    private byte[] inListAnswer() {
        if (inField == null) {
            return new byte[] {0x4B, 0x00};
        }
        Iso14443aTarget t = inField;
        byte[] head = {0x4B, 0x01, 0x01, (byte) (t.sensRes() >> 8), (byte) t.sensRes(), (byte) t.selRes(),
            (byte) t.uid().length};
        byte[] out = concat(head, t.uid());
        if ((t.selRes() & 0x20) != 0) {
            out = concat(concat(out, new byte[] {(byte) (t.ats().length + 1)}), t.ats());
        }
        return out;
    }

    /** A PN532-to-host frame around {@code data} (response code first), with correct LCS and DCS. */
    static byte[] frame(byte[] data) {
        int len = data.length + 1;
        byte[] f = new byte[len + 7];
        f[2] = (byte) 0xFF;
        f[3] = (byte) len;
        f[4] = (byte) -len;
        f[5] = (byte) 0xD5;
        int sum = 0xD5;
        for (int i = 0; i < data.length; i++) {
            f[6 + i] = data[i];
            sum += data[i] & 0xFF;
        }
        f[6 + data.length] = (byte) -sum;
        return f;
    }

    // ---- output ----

    private void respond(byte[] frame, long delayMillis, boolean i2c, boolean isResponse) {
        if (isResponse) {
            lastResponse = frame;
        }
        byte[] out = frame.clone();
        if (isResponse && random.nextDouble() < badChecksumRate) {
            out[out.length - 2] ^= (byte) (1 + random.nextInt(255));
        }
        if (delayMillis == 0) {
            output(out, i2c);
            return;
        }
        pendingResponse = scheduler.schedule(() -> {
            synchronized (this) {
                pendingResponse = null;
                if (!unplugged) {
                    output(out, i2c);
                }
            }
        }, delayMillis);
    }

    private void output(byte[] frame, boolean i2c) {
        if (i2c) {
            i2cOutput.add(frame);
            return;
        }
        if (random.nextDouble() < noiseRate) {
            byte[] noise = new byte[1 + random.nextInt(8)];
            random.nextBytes(noise);
            hsu.deliver(noise);
        }
        hsu.deliver(frame);
    }

    private void abort(boolean i2c) {
        if (pendingResponse != null) {
            pendingResponse.cancel();
            pendingResponse = null;
        }
        if (i2c) {
            i2cOutput.clear();
        }
    }

    private void resend(boolean i2c) {
        if (lastResponse != null) {
            output(lastResponse, i2c);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** One host-side open of the I2C device. */
    private final class I2cSide implements RawI2cDevice {
        private final int bus;
        private final int address;

        I2cSide(int bus, int address) {
            this.bus = bus;
            this.address = address;
        }

        @Override
        public int bus() {
            return bus;
        }

        @Override
        public int address() {
            return address;
        }

        @Override
        public void write(byte[] data, int offset, int length) throws BusException {
            synchronized (Pn532Simulator.this) {
                check();
                byte[] in = Arrays.copyOfRange(data, offset, offset + length);
                parseFrames(in, true);
            }
        }

        /** Status byte, then the oldest ready frame padded with zeros; a frame is consumed by one read. */
        @Override
        public void read(byte[] buffer, int offset, int length) throws BusException {
            synchronized (Pn532Simulator.this) {
                check();
                Arrays.fill(buffer, offset, offset + length, (byte) 0);
                byte[] frame = i2cOutput.poll();
                if (frame == null) {
                    return;
                }
                buffer[offset] = 0x01;
                System.arraycopy(frame, 0, buffer, offset + 1, Math.min(frame.length, length - 1));
            }
        }

        private void check() throws BusException {
            if (unplugged) {
                throw new BusException(String.format("no ACK from I2C address 0x%02X on bus %d", address, bus));
            }
        }

        @Override
        public void close() {
            // nothing held open on a simulated bus
        }
    }
}
