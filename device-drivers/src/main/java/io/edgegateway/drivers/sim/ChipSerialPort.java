package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;
import io.edgegateway.drivers.bus.SerialPorts;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The chip's end of an in-process serial port, for the serial simulators (RDM6300, NMEA receiver, line
 * sensor, PN532 in HSU mode). The simulated chip {@link #deliver}s bytes and hears what the host writes
 * through a listener; the host opens the port by path like a real one ({@link SerialPorts}) and gets a
 * {@link SerialLink}. Like a UART, bytes sent while no host has the port open are lost, and the receive
 * buffer is bounded ({@link #CAPACITY}; overflow drops the new bytes and counts an overrun). Faults: reads
 * can return random chunks ({@link #splitReads}), and {@link #unplug} makes the open link and every new open
 * fail, as a removed USB adapter does. Opening a port that is already open fails, which catches drivers that
 * leak links across restarts. Thread-safe.
 */
public final class ChipSerialPort implements SerialPorts {
    /** Receive buffer size: bounded like a real UART driver buffer, so a reader that falls behind loses bytes. */
    public static final int CAPACITY = 4096;

    private final String path;
    private final ArrayDeque<Byte> inbound = new ArrayDeque<>();
    private Consumer<byte[]> hostWrites = b -> { };
    private RandomGenerator splitRandom;
    private boolean unplugged;
    private Handle open;
    private SerialParams openedWith;
    private long overruns;
    private int opens;

    public ChipSerialPort(String path) {
        this.path = Objects.requireNonNull(path);
    }

    public String path() {
        return path;
    }

    @Override
    public synchronized SerialLink open(String requestedPath, SerialParams params) throws BusException {
        if (!path.equals(requestedPath)) {
            throw new BusException("no such port: " + requestedPath);
        }
        if (unplugged) {
            throw new BusException("no such port: " + requestedPath + " (unplugged)");
        }
        if (open != null) {
            throw new BusException("port busy: " + requestedPath);
        }
        inbound.clear();
        openedWith = params;
        opens++;
        open = new Handle();
        return open;
    }

    /** Sends bytes from the chip to the host; lost when no host has the port open or it is unplugged. */
    public synchronized void deliver(byte[] bytes) {
        if (open == null || unplugged) {
            return;
        }
        for (byte b : bytes) {
            if (inbound.size() >= CAPACITY) {
                overruns++;
                continue;
            }
            inbound.add(b);
        }
        notifyAll();
    }

    /** Called (on the host's writing thread) with every byte array the host writes. */
    public synchronized void onHostWrite(Consumer<byte[]> listener) {
        hostWrites = Objects.requireNonNull(listener);
    }

    /** From now on every read returns a random 1..n of the available bytes, as a slow UART FIFO would. */
    public synchronized void splitReads(RandomGenerator random) {
        splitRandom = random;
    }

    /** Pulls the adapter: the open link fails on its next read or write, and opens fail until replugged. */
    public synchronized void unplug() {
        unplugged = true;
        inbound.clear();
    }

    public synchronized void plugIn() {
        unplugged = false;
    }

    public synchronized boolean isOpen() {
        return open != null;
    }

    /** The parameters of the most recent open, to check a driver configures the right baud rate. */
    public synchronized SerialParams openedWith() {
        return openedWith;
    }

    /** How many times the port was opened; a driver restart opens it again. */
    public synchronized int opens() {
        return opens;
    }

    public synchronized long overruns() {
        return overruns;
    }

    /** Bytes waiting for the host. */
    public synchronized int pending() {
        return inbound.size();
    }

    private synchronized int read(Handle h, byte[] buffer, int offset, int length, long timeoutMillis)
            throws BusException {
        check(h);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (inbound.isEmpty() && timeoutMillis > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            check(h);
        }
        int n = Math.min(length, inbound.size());
        if (n > 1 && splitRandom != null) {
            n = 1 + splitRandom.nextInt(n);
        }
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = inbound.poll();
        }
        return n;
    }

    private void write(Handle h, byte[] data, int offset, int length) throws BusException {
        Consumer<byte[]> listener;
        synchronized (this) {
            check(h);
            listener = hostWrites;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        // Outside the lock: the chip may answer by calling deliver from the listener.
        listener.accept(copy);
    }

    private void check(Handle h) throws BusException {
        if (h.closed) {
            throw new BusException("port closed: " + path);
        }
        if (unplugged) {
            throw new BusException("device unplugged: " + path);
        }
    }

    private synchronized void close(Handle h) {
        if (!h.closed) {
            h.closed = true;
            if (open == h) {
                open = null;
                inbound.clear();
            }
        }
    }

    /** One host-side open of the port. */
    private final class Handle implements SerialLink {
        private volatile boolean closed;

        @Override
        public String path() {
            return path;
        }

        @Override
        public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws BusException {
            return ChipSerialPort.this.read(this, buffer, offset, length, timeoutMillis);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws BusException {
            ChipSerialPort.this.write(this, data, offset, length);
        }

        @Override
        public void close() {
            ChipSerialPort.this.close(this);
        }
    }
}
