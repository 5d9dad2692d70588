package io.edgegateway.drivers;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Scheduler} on a {@link ScheduledExecutorService} with daemon threads. A task that throws is logged
 * and, for periodic tasks, keeps its schedule: the JDK executor would otherwise silently cancel every later
 * run, which would look like a sensor that stopped reporting for no reason.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final ScheduledExecutorService executor;

    public ExecutorScheduler(int threads, String namePrefix) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, namePrefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> f = executor.schedule(guarded(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, long initialDelayMillis, long periodMillis) {
        ScheduledFuture<?> f = executor.scheduleAtFixedRate(guarded(task), Math.max(0, initialDelayMillis),
                periodMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("scheduled task failed", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
