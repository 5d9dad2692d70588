package io.edgegateway.gateway;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Synthetic load for {@code run --simulate --rate N}: events shaped like the drivers' (a BME280 reading, an
 * RFID scan, a GPIO edge) at a fixed rate across the default topics, handed to the same sink as the devices'
 * events, so footprint and throughput can be measured at rates no simulated chip produces. Marked with the
 * device type {@value #TYPE} so they are never mistaken for real readings.
 */
final class SimulatedEvents {
    static final String TYPE = "synthetic-load";
    private static final List<String> SENSORS = List.of("load-hall", "load-attic", "load-garage", "load-lab");
    private static final List<String> TAGS = List.of("0F00A1B2C3", "0F00D4E5F6", "1A2B3C4D5E");
    private static final Map<String, String> HEADERS = Map.of(EventHeaders.DEVICE_TYPE, TYPE,
            EventHeaders.DRIVER, TYPE + "/1", EventHeaders.CLOCK_QUALITY, "unsynchronized");

    private final BiConsumer<String, DeviceEvent> sink;
    private final int rate;
    private final Random random = new Random();
    private final Thread thread;
    private volatile boolean running = true;

    SimulatedEvents(BiConsumer<String, DeviceEvent> sink, int rate) {
        this.sink = sink;
        this.rate = rate;
        this.thread = new Thread(this::loop, "synthetic-load");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
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
                // Fell behind by more than a second (a GC pause, a slow disk): skip ahead, do not burst.
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
            device = "load-door-reader";
            json = "{\"tag\":\"" + TAGS.get(random.nextInt(TAGS.size())) + "\"}";
        } else if (n % 10 == 3) {
            topic = DefaultTopics.GPIO;
            device = "load-door-contact";
            json = "{\"state\":\"" + (random.nextBoolean() ? "high" : "low") + "\",\"previous_ms\":"
                    + random.nextInt(60_000) + "}";
        } else {
            topic = DefaultTopics.ENVIRONMENT;
            device = SENSORS.get((int) (n % SENSORS.size()));
            json = String.format(Locale.ROOT, "{\"temperature_c\":%.2f,\"pressure_hpa\":%.2f,\"humidity_pct\":%.1f}",
                    20 + 3 * Math.sin(ts / 3.6e6) + random.nextGaussian() * 0.1, 1013 + random.nextGaussian(),
                    45 + random.nextGaussian() * 2);
        }
        sink.accept(topic, new DeviceEvent(device, json.getBytes(StandardCharsets.UTF_8), ts, HEADERS));
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
