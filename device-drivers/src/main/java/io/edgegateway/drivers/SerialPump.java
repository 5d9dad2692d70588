package io.edgegateway.drivers;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;

/**
 * Moves bytes from an open {@link SerialLink} into a decoder on the driver's scheduler, for drivers of chips
 * that talk in frames over a UART (RDM6300, NMEA receivers, Arduino sketches, the PN532 in HSU mode). Every
 * {@code pollMillis} it drains what has arrived with zero-timeout reads, so no scheduler thread ever blocks on
 * a quiet line and tests under {@link io.edgegateway.drivers.sim.ManualTime} stay exact. It reads at most
 * {@link #MAX_BYTES_PER_POLL} per run so a babbling line cannot hog the shared pool; the UART driver's own
 * buffer holds the rest until the next run. A {@link BusException} (adapter removed, port closed) and, when
 * enabled, a silence longer than {@code silenceTimeoutMillis} are reported through
 * {@link DriverContext#fail}; after that the pump stops itself. Not thread-safe: one pump per link.
 */
public final class SerialPump {
    /** 4 KiB per poll: at 115200 baud a 50 ms poll sees about 580 bytes, so this only bites on a flood. */
    public static final int MAX_BYTES_PER_POLL = 4096;

    /** Receives the bytes of one read; must not keep a reference to {@code buffer}. */
    @FunctionalInterface
    public interface ByteSink {
        void accept(byte[] buffer, int offset, int length);
    }

    private final SerialLink link;
    private final DriverContext context;
    private final long silenceTimeoutNanos;
    private final ByteSink sink;
    private final byte[] buffer = new byte[512];
    private long lastByteNanos;
    private volatile boolean stopped;
    private Scheduler.Cancellable task;
    private boolean ownsLink;

    private SerialPump(SerialLink link, DriverContext context, long silenceTimeoutMillis, ByteSink sink) {
        this.link = link;
        this.context = context;
        this.silenceTimeoutNanos = silenceTimeoutMillis * 1_000_000;
        this.sink = sink;
        this.lastByteNanos = context.clock().monotonicNanos();
    }

    /**
     * Starts polling {@code link} every {@code pollMillis}.
     *
     * @param silenceTimeoutMillis fail the device after this long without a byte; 0 disables the check (for
     *                             chips that stay silent until something happens, like a tag reader)
     */
    public static SerialPump start(SerialLink link, DriverContext context, long pollMillis,
                                   long silenceTimeoutMillis, ByteSink sink) {
        SerialPump pump = new SerialPump(link, context, silenceTimeoutMillis, sink);
        pump.task = context.scheduler().scheduleAtFixedRate(pump::poll, pollMillis, pollMillis);
        return pump;
    }

    /**
     * Opens {@code port} and starts pumping it; the pump then owns the link and {@link #close()} closes it.
     * The frame drivers all start this way, and a port that cannot be opened is an unavailable device.
     */
    public static SerialPump open(Buses buses, String port, SerialParams params, DriverContext context,
                                  long pollMillis, long silenceTimeoutMillis, ByteSink sink) throws DeviceException {
        SerialLink link;
        try {
            link = buses.serial(port, params);
        } catch (BusException e) {
            throw new DeviceException(DeviceException.Kind.UNAVAILABLE, "cannot open " + port + ": " + e.getMessage(), e);
        }
        SerialPump pump = start(link, context, pollMillis, silenceTimeoutMillis, sink);
        pump.ownsLink = true;
        return pump;
    }

    private void poll() {
        if (stopped) {
            return;
        }
        try {
            int total = 0;
            while (total < MAX_BYTES_PER_POLL) {
                int n = link.read(buffer, 0, Math.min(buffer.length, MAX_BYTES_PER_POLL - total), 0);
                if (n <= 0) {
                    break;
                }
                total += n;
                sink.accept(buffer, 0, n);
            }
            long now = context.clock().monotonicNanos();
            if (total > 0) {
                lastByteNanos = now;
            } else if (silenceTimeoutNanos > 0 && now - lastByteNanos >= silenceTimeoutNanos) {
                halt(new DeviceException(DeviceException.Kind.TIMEOUT, "no bytes on " + link.path() + " for "
                        + silenceTimeoutNanos / 1_000_000 + " ms"));
            }
        } catch (BusException e) {
            halt(new DeviceException(e.isTimeout() ? DeviceException.Kind.TIMEOUT : DeviceException.Kind.UNAVAILABLE,
                    "reading " + link.path() + " failed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            // A decoder bug must not kill the scheduler thread or go unnoticed; restart the driver instead.
            halt(new DeviceException(DeviceException.Kind.BUS_ERROR, "decoder error: " + e, e));
        }
    }

    private void halt(DeviceException cause) {
        stop();
        context.fail(cause);
    }

    /** Stops polling and, if the pump opened the link ({@link #open}), closes it; idempotent. */
    public void close() {
        stop();
        if (ownsLink) {
            link.close();
        }
    }

    /** Cancels polling; idempotent. Does not close the link, which belongs to the driver. */
    public void stop() {
        stopped = true;
        if (task != null) {
            task.cancel();
        }
    }
}
