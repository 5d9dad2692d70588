package io.edgegateway.uplink;

import io.edgegateway.log.LocalLog;
import java.util.List;

/** A thread that keeps appending events to local topics (devices producing) until stopped. */
final class Appender implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long appended;

    Appender(LocalLog log, List<String> topics, int eventsPerTick, long tickMs) {
        EdgeData data = new EdgeData();
        thread = new Thread(() -> {
            while (running) {
                for (String t : topics) {
                    appended += data.append(log, t, eventsPerTick, 20, 100);
                }
                try {
                    Thread.sleep(tickMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-appender");
        thread.setDaemon(true);
        thread.start();
    }

    long appended() {
        return appended;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
