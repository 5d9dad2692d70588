package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock and scheduler whose time moves only when a test calls {@link #advance}: due tasks then run on the
 * caller's thread in time order, each seeing the clock at its own due time. This makes backoff, polling
 * periods and end-of-frame timeouts exact and instant in tests. Thread-safe; tasks scheduled from other
 * threads (a GPIO callback) wait for the next {@code advance} or {@link #runDue()}.
 */
public final class ManualTime implements Clock, Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long nowNanos;
    private final long wallOffsetMillis;
    private long sequence;
    private volatile boolean synced;

    /** Starts at the given wall time (epoch ms) with monotonic time 0. */
    public ManualTime(long startWallMillis) {
        this.wallOffsetMillis = startWallMillis;
    }

    @Override
    public synchronized long wallMillis() {
        return wallOffsetMillis + nowNanos / 1_000_000;
    }

    @Override
    public synchronized long monotonicNanos() {
        return nowNanos;
    }

    @Override
    public boolean isSynchronized() {
        return synced;
    }

    public void setSynchronized(boolean value) {
        synced = value;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        Task t = new Task(nowNanos + Math.max(0, delayMillis) * 1_000_000, 0, task, sequence++);
        queue.add(t);
        return t::cancel;
    }

    @Override
    public synchronized Cancellable scheduleAtFixedRate(Runnable task, long initialDelayMillis, long periodMillis) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        Task t = new Task(nowNanos + Math.max(0, initialDelayMillis) * 1_000_000, periodMillis * 1_000_000, task,
                sequence++);
        queue.add(t);
        return t::cancel;
    }

    /** Moves time forward by {@code millis}, running every task that falls due on the way. */
    public void advance(long millis) {
        advanceNanos(millis * 1_000_000);
    }

    /** Moves time forward by {@code nanos}; used by pulse-train simulators with microsecond steps. */
    public void advanceNanos(long nanos) {
        long target;
        synchronized (this) {
            target = nowNanos + nanos;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                queue.poll();
                nowNanos = Math.max(nowNanos, next.dueNanos);
                if (next.cancelled()) {
                    continue;
                }
                if (next.periodNanos > 0) {
                    queue.add(new Task(next.dueNanos + next.periodNanos, next.periodNanos, next.body, sequence++,
                            next));
                }
            }
            next.body.run();
        }
    }

    /** Runs tasks already due without moving time. */
    public void runDue() {
        advanceNanos(0);
    }

    /** Number of scheduled, not cancelled tasks, for tests that check nothing leaks. */
    public synchronized int pendingTasks() {
        List<Task> live = new ArrayList<>();
        for (Task t : queue) {
            if (!t.cancelled()) {
                live.add(t);
            }
        }
        return live.size();
    }

    /** A scheduled run; periodic tasks share one cancel flag across their runs through {@code origin}. */
    private static final class Task implements Comparable<Task> {
        final long dueNanos;
        final long periodNanos;
        final Runnable body;
        final long seq;
        final Task origin;
        volatile boolean cancelled;

        Task(long dueNanos, long periodNanos, Runnable body, long seq) {
            this(dueNanos, periodNanos, body, seq, null);
        }

        Task(long dueNanos, long periodNanos, Runnable body, long seq, Task previous) {
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
            this.body = body;
            this.seq = seq;
            this.origin = previous == null ? this : previous.origin;
        }

        void cancel() {
            origin.cancelled = true;
        }

        boolean cancelled() {
            return origin.cancelled;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
