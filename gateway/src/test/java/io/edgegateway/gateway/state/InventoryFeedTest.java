package io.edgegateway.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batching between the event path and the inventory: first and last sightings survive batching, tags are
 * read from each reader type's events, and neither a slow nor a failing SQLite holds an event back.
 */
class InventoryFeedTest {
    @TempDir
    Path dir;
    private StateStore store;

    @BeforeEach
    void open() {
        store = StateStore.open(dir.resolve("state.db"), java.time.Clock.systemUTC(), 1_000);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static DeviceEvent event(String device, String type, long ts, String json) {
        return new DeviceEvent(device, json.getBytes(StandardCharsets.UTF_8), ts, Map.of(EventHeaders.DEVICE_TYPE,
                type));
    }

    @Test
    void aBatchKeepsTheFirstAndLastSightingAndTheNewestValue() {
        InventoryFeed feed = new InventoryFeed(store.inventory(), 100);
        feed.accept(event("hall", "bme280", 2_000, "{\"t\":20}"));
        feed.accept(event("hall", "bme280", 1_000, "{\"t\":19}"));
        feed.accept(event("hall", "bme280", 3_000, "{\"t\":21}"));
        assertTrue(store.inventory().devices().isEmpty(), "nothing is written before a flush");
        assertTrue(feed.flush());
        assertEquals(new Inventory.Device("hall", "bme280", "", 1_000, 3_000, "{\"t\":21}"),
                store.inventory().device("hall").orElseThrow());
        assertTrue(store.inventory().nameDevice("hall", "Hall climate"));
        feed.accept(event("hall", "bme280", 4_000, "{\"t\":22}"));
        assertTrue(feed.flush());
        assertEquals(new Inventory.Device("hall", "bme280", "Hall climate", 1_000, 4_000, "{\"t\":22}"),
                store.inventory().device("hall").orElseThrow(), "the name survives later sightings");
    }

    @Test
    void eachReaderTypesTagIsRecognized() {
        InventoryFeed feed = new InventoryFeed(store.inventory(), 100);
        feed.accept(event("door", "rdm6300", 1_000, "{\"tag_id\":\"0600775522\",\"customer_code\":6}"));
        feed.accept(event("desk", "pn532", 2_000, "{\"uid\":\"deadbeef\",\"uid_length\":4}"));
        feed.accept(event("gate", "mfrc522", 3_000, "{\"uid\":\"DEADBEEF\",\"uid_bytes\":4}"));
        feed.accept(event("yard", "wiegand", 4_000, "{\"format\":\"26-bit\",\"facility\":18,\"card\":4242,\"bits\":26}"));
        feed.accept(event("hall", "bme280", 5_000, "{\"uid\":\"00112233\"}"));
        assertTrue(feed.flush());
        assertEquals(List.of(
                new Inventory.Tag("0600775522", "", 1_000, 1_000, "door"),
                new Inventory.Tag("26-bit:18:4242", "", 4_000, 4_000, "yard"),
                new Inventory.Tag("DEADBEEF", "", 2_000, 3_000, "gate")), store.inventory().tags(),
                "the same card on two readers is one tag; a sensor has no tag");
        assertEquals(5, store.inventory().devices().size());
    }

    @Test
    void aReaderEventWithoutATagIsCountedAndItsDeviceStillRecorded() {
        InventoryFeed feed = new InventoryFeed(store.inventory(), 100);
        feed.accept(event("door", "rdm6300", 1_000, "{\"customer_code\":6}"));
        feed.accept(event("gate", "mfrc522", 1_000, "not json"));
        feed.accept(event("yard", "wiegand", 1_000, "{\"format\":\"26-bit\",\"card\":\"x\"}"));
        assertTrue(feed.flush());
        assertEquals(3, feed.badTags());
        assertTrue(store.inventory().tags().isEmpty());
        assertEquals(3, store.inventory().devices().size());
    }

    @Test
    void newKeysBeyondTheBoundAreCountedUntilAFlushMakesRoom() {
        InventoryFeed feed = new InventoryFeed(store.inventory(), 2);
        feed.accept(event("a", "bme280", 1, "{}"));
        feed.accept(event("b", "bme280", 1, "{}"));
        feed.accept(event("c", "bme280", 1, "{}"));
        feed.accept(event("a", "bme280", 2, "{}"));
        assertEquals(1, feed.overflow());
        assertTrue(feed.flush());
        feed.accept(event("c", "bme280", 3, "{}"));
        assertTrue(feed.flush());
        assertEquals(List.of("a", "b", "c"), store.inventory().devices().stream().map(Inventory.Device::deviceId).toList());
        assertEquals(2, store.inventory().device("a").orElseThrow().lastSeenMs());
    }

    @Test
    void aFailingDatabaseIsCountedAndTheBatchRetried() throws Exception {
        StateStore doomed = StateStore.open(dir.resolve("doomed.db"), java.time.Clock.systemUTC(), 1_000);
        InventoryFeed feed = new InventoryFeed(doomed.inventory(), 100);
        feed.accept(event("hall", "bme280", 1_000, "{}"));
        doomed.close();
        assertFalse(feed.flush());
        feed.accept(event("hall", "bme280", 2_000, "{}"));
        assertFalse(feed.flush());
        assertEquals(2, feed.failedFlushes());
        feed.close();   // the last flush fails too, and says so without throwing
        assertEquals(3, feed.failedFlushes());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        feed.bindTo(registry);
        assertEquals(3.0, registry.get("edge.inventory.failed.flushes").functionCounter().count());
        assertEquals(0.0, registry.get("edge.inventory.overflow").functionCounter().count());
    }

    @Test
    void aSlowDatabaseNeverHoldsAnEventBack() throws Exception {
        InventoryFeed feed = new InventoryFeed(store.inventory(), 100);
        feed.accept(event("hall", "bme280", 1, "{}"));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = new Thread(() -> {
            synchronized (store) {   // what a long SQLite write looks like to everyone else
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        slow.start();
        locked.await();
        AtomicBoolean flushed = new AtomicBoolean();
        Thread flusher = new Thread(() -> flushed.set(feed.flush()));
        flusher.start();
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 100_000; i++) {
                feed.accept(event("hall", "bme280", 2 + i, "{}"));
            }
        });
        release.countDown();
        flusher.join(5_000);
        slow.join(5_000);
        assertTrue(flushed.get());
        assertTrue(feed.flush());
        assertEquals(100_001, store.inventory().device("hall").orElseThrow().lastSeenMs());
    }
}
