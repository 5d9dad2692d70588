package io.edgegateway.gateway;

import io.edgegateway.log.AppendResult;
import io.edgegateway.log.Header;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogException;
import io.edgegateway.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the default topics at a fixed rate with events shaped like the real drivers' (a BME280 reading,
 * an RFID scan, a GPIO edge), keyed by device id. It stands in for the device drivers until they are
 * wired; refused appends (a full disk) are counted and logged, never retried without bound.
 */
final class SimulatedEvents {
    private static final Logger logger = LoggerFactory.getLogger(SimulatedEvents.class);
    private static final List<String> SENSORS = List.of("bme280-hall", "bme280-attic", "bme280-garage", "bme280-lab");
    private static final List<String> TAGS = List.of("0F00A1B2C3", "0F00D4E5F6", "1A2B3C4D5E");

    private final LocalLog log;
    private final int rate;
    private final Random random = new Random();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    SimulatedEvents(LocalLog log, int rate) {
        this.log = log;
        this.rate = rate;
        this.thread = new Thread(this::loop, "simulated-devices");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long appended() {
        return appended.get();
    }

    long refused() {
        return refused.get();
    }

    private void loop() {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        long n = 0;
        while (running) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            next += interval;
            if (now - next > TimeUnit.SECONDS.toNanos(1)) {
                next = now;
            }
            emit(n++);
        }
    }

    private void emit(long n) {
        long ts = System.currentTimeMillis();
        String topic;
        String device;
        String json;
        if (n % 100 == 7) {
            topic = DefaultTopics.RFID;
            device = "rdm6300-door";
            json = "{\"tag\":\"" + TAGS.get(random.nextInt(TAGS.size())) + "\"}";
        } else if (n % 10 == 3) {
            topic = DefaultTopics.GPIO;
            device = "door-contact";
            json = "{\"state\":\"" + (random.nextBoolean() ? "high" : "low") + "\",\"previous_ms\":"
                    + random.nextInt(60_000) + "}";
        } else {
            topic = DefaultTopics.ENVIRONMENT;
            device = SENSORS.get((int) (n % SENSORS.size()));
            json = String.format(Locale.ROOT, "{\"temperature_c\":%.2f,\"pressure_hpa\":%.2f,\"humidity_pct\":%.1f}",
                    20 + 3 * Math.sin(ts / 3.6e6) + random.nextGaussian() * 0.1, 1013 + random.nextGaussian(),
                    45 + random.nextGaussian() * 2);
        }
        LogRecord r = new LogRecord(device.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), ts,
                List.of(Header.of("device", device), Header.of("clock", "unsynced")));
        CompletableFuture<AppendResult> f = log.appendAsync(topic, r);
        f.whenComplete((ok, err) -> {
            if (err == null) {
                appended.incrementAndGet();
            } else if (refused.incrementAndGet() % 1000 == 1) {
                logger.warn("event of {} refused ({} so far): {}", device, refused.get(),
                        err instanceof LogException ? err.getMessage() : err.toString());
            }
        });
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
