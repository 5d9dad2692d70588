package io.edgegateway.gateway.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.log.AppendResult;
import io.edgegateway.log.DiskFullException;
import io.edgegateway.log.Durability;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogConfig;
import io.edgegateway.log.TopicConfig;
import io.edgegateway.log.LogException;
import io.edgegateway.log.LogRecord;
import io.edgegateway.log.RecordTooLargeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink routes, labels, bounds what waits for the log, and counts every drop by device and reason. */
class LogSinkTest {
    private final List<String> topics = new ArrayList<>();
    private final List<LogRecord> records = new ArrayList<>();
    private final List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
    private final FlowCounters counters = new FlowCounters();

    private final LogSink.Appender holding = (topic, record) -> {
        topics.add(topic);
        records.add(record);
        CompletableFuture<AppendResult> f = new CompletableFuture<>();
        pending.add(f);
        return f;
    };

    private static DeviceEvent event(String device) {
        return new DeviceEvent(device, "{\"t\":1}".getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L,
                Map.of("device-type", "bme280", "driver", "bme280/1", "clock-quality", "unsynchronized"));
    }

    @Test
    void eventsGoToTheirDevicesTopicKeyedByDeviceWithGatewayHeader() {
        LogSink sink = new LogSink(holding, "", counters, 10);
        sink.route(Map.of("hall", "sensors.environment"), "gw-1");
        sink.accept(event("hall"));
        assertEquals(List.of("sensors.environment"), topics);
        LogRecord r = records.get(0);
        assertEquals("hall", new String(r.key(), StandardCharsets.UTF_8));
        assertEquals("{\"t\":1}", new String(r.value(), StandardCharsets.UTF_8));
        assertEquals(1_700_000_000_000L, r.timestamp());
        assertEquals(List.of("clock-quality", "device-type", "driver", "gateway-id"),
                r.headers().stream().map(h -> h.key()).toList(), "driver headers in name order, then the gateway's");
        assertEquals("gw-1", EventRecords.headers(r.headers()).get(EventRecords.GATEWAY_ID));
        assertEquals(0, counters.appendedByDevice("hall"), "counted only once the log acknowledged it");
        pending.get(0).complete(new AppendResult("sensors.environment", 0, 0, r.timestamp()));
        assertEquals(1, counters.appendedByDevice("hall"));
        assertEquals(1, counters.appendedByTopic("sensors.environment"));
    }

    @Test
    void refusalsAreCountedPerDeviceAndReason() {
        LogSink sink = new LogSink(holding, "", counters, 10);
        sink.route(Map.of("hall", "env", "door", "access"), "gw-1");
        sink.accept(event("hall"));
        sink.accept(event("door"));
        sink.accept(event("door"));
        sink.accept(event("ghost"));
        pending.get(0).completeExceptionally(new DiskFullException("disk budget reached", null));
        pending.get(1).completeExceptionally(new RecordTooLargeException("too big"));
        pending.get(2).completeExceptionally(new LogException("I/O error"));
        assertEquals(1, counters.droppedByDevice("hall", DropReason.DISK_FULL));
        assertEquals(1, counters.droppedByDevice("door", DropReason.TOO_LARGE));
        assertEquals(1, counters.droppedByDevice("door", DropReason.LOG_ERROR));
        assertEquals(1, counters.droppedByDevice("ghost", DropReason.NO_ROUTE));
        assertEquals(Map.of("door", Map.of(DropReason.TOO_LARGE, 1L, DropReason.LOG_ERROR, 1L),
                "ghost", Map.of(DropReason.NO_ROUTE, 1L), "hall", Map.of(DropReason.DISK_FULL, 1L)), counters.drops());
        assertEquals(0, sink.inFlight(), "a refused append frees its slot");
    }

    @Test
    void aFullDiskBudgetMakesTheRealLogRefuseAndTheSinkCountIt(@TempDir Path dir) throws Exception {
        // One topic whose active segment can never be sealed or deleted: once the budget is used, nothing can go.
        try (LocalLog log = LocalLog.open(dir, LogConfig.builder().diskBudgetBytes(64 * 1024).build())) {
            log.createTopic(TopicConfig.builder("env").segmentBytes(1 << 20).durability(Durability.OS).build());
            LogSink sink = new LogSink(log::appendAsync, "gw", counters, 100);
            sink.route(Map.of("hall", "env"), "gw");
            byte[] value = new byte[512];
            for (int i = 0; i < 400; i++) {
                sink.accept(new DeviceEvent("hall", value, i, Map.of()));
                assertTrue(sink.awaitIdle(Duration.ofSeconds(5)));
            }
            long appended = counters.appendedByDevice("hall");
            long full = counters.droppedByDevice("hall", DropReason.DISK_FULL);
            assertTrue(appended > 0 && full > 0, appended + " appended, " + full + " refused");
            assertEquals(400, appended + full, "every event is either stored or counted as dropped");
            assertEquals(appended, log.partitionInfo("env", 0).endOffset());
        }
    }

    @Test
    void anAppendThatThrowsIsADropNotAnException() {
        LogSink sink = new LogSink((t, r) -> {
            throw new DiskFullException("full", null);
        }, "gw", counters, 10);
        sink.route(Map.of("hall", "env"), "gw");
        sink.accept(event("hall"));
        assertEquals(1, counters.droppedByDevice("hall", DropReason.DISK_FULL));
        assertEquals(0, sink.inFlight());
    }

    @Test
    void aSlowLogMakesEventsDropInsteadOfQueueing() throws Exception {
        LogSink sink = new LogSink(holding, "", counters, 3);
        sink.route(Map.of("hall", "env"), "gw");
        for (int i = 0; i < 10; i++) {
            sink.accept(event("hall"));
        }
        assertEquals(3, records.size(), "only as many appends as slots reach the log");
        assertEquals(7, counters.droppedByDevice("hall", DropReason.BACKLOG_FULL));
        assertEquals(3, sink.inFlight());
        assertFalse(sink.awaitIdle(Duration.ofMillis(20)));
        pending.forEach(f -> f.complete(new AppendResult("env", 0, 0, 0)));
        assertTrue(sink.awaitIdle(Duration.ofMillis(20)));
        sink.accept(event("hall"));
        assertEquals(4, records.size(), "slots come back once the log catches up");
    }
}
