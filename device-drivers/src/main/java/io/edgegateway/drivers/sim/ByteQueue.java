package io.edgegateway.drivers.sim;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of a simulated serial line: a bounded ring buffer with a blocking read. When full, new bytes
 * are dropped and counted, as a UART receive FIFO overruns, so a stalled driver cannot make the simulator
 * grow without limit. Closing wakes readers.
 */
final class ByteQueue {
    private final byte[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private int head;
    private int size;
    private long overruns;
    private boolean closed;

    ByteQueue(int capacity) {
        this.ring = new byte[capacity];
    }

    void write(byte[] data, int offset, int length) {
        lock.lock();
        try {
            for (int i = 0; i < length; i++) {
                if (size == ring.length) {
                    overruns++;
                    continue;
                }
                ring[(head + size) % ring.length] = data[offset + i];
                size++;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeoutMillis} for data; returns bytes read, 0 on timeout, -1 once closed and empty. */
    int read(byte[] buffer, int offset, int length, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long remaining = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
            while (size == 0 && !closed && remaining > 0) {
                remaining = readable.awaitNanos(remaining);
            }
            if (size == 0) {
                return closed ? -1 : 0;
            }
            int n = Math.min(length, size);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = ring[head];
                head = (head + 1) % ring.length;
            }
            size -= n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    int available() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    long overruns() {
        lock.lock();
        try {
            return overruns;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
