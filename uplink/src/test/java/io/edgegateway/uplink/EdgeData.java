package io.edgegateway.uplink;

import io.edgegateway.log.Durability;
import io.edgegateway.log.Header;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogRecord;
import io.edgegateway.log.TopicConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test events: keyed by device, with a sequence per device in the value and the headers drivers set. */
final class EdgeData {
    private final Map<String, Integer> seq = new HashMap<>();
    private final long fixedTimestamp;

    EdgeData() {
        this(-1);
    }

    /** With a fixed timestamp two logs filled the same way hold identical events. */
    EdgeData(long fixedTimestamp) {
        this.fixedTimestamp = fixedTimestamp;
    }

    static void createTopic(LocalLog log, String name, int partitions, int priority) {
        log.createTopic(TopicConfig.builder(name).partitions(partitions).priority(priority)
                .durability(Durability.OS).build());
    }

    /** Appends {@code count} events spread over {@code devices} keys; returns how many were appended. */
    int append(LocalLog log, String topic, int count, int devices, int valueBytes) {
        List<LogRecord> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = topic + "-dev-" + (i % devices);
            int n = seq.merge(topic + "/" + key, 1, Integer::sum);
            batch.add(record(key, n, valueBytes, fixedTimestamp < 0 ? System.currentTimeMillis() : fixedTimestamp));
            if (batch.size() == 1000) {
                log.appendBatch(topic, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            log.appendBatch(topic, batch);
        }
        return count;
    }

    static LogRecord record(String key, int n, int valueBytes, long timestamp) {
        StringBuilder v = new StringBuilder("{\"device\":\"").append(key).append("\",\"seq\":").append(n)
                .append(",\"pad\":\"");
        while (v.length() < valueBytes - 2) {
            v.append((char) ('a' + (n + v.length()) % 26));
        }
        v.append("\"}");
        return new LogRecord(key.getBytes(StandardCharsets.UTF_8), v.toString().getBytes(StandardCharsets.UTF_8),
                timestamp, List.of(Header.of("device-type", "sim"),
                        Header.of(EdgeHeaders.CLOCK_QUALITY, n % 2 == 0 ? "synchronized" : "unsynchronized")));
    }
}
