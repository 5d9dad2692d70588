package io.edgegateway.log;

import java.util.Arrays;
import java.util.List;

/**
 * What an appender hands to the log: an optional key (which picks the partition), an optional value, the
 * event time in epoch milliseconds (or -1: the log's clock when it takes the record) and headers. Null
 * and empty keys and values are distinct and both round-trip. The arrays are not copied: do not change
 * them after appending.
 */
public record LogRecord(byte[] key, byte[] value, long timestamp, List<Header> headers) {
    public LogRecord {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public LogRecord(byte[] key, byte[] value, long timestamp) {
        this(key, value, timestamp, List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogRecord r && timestamp == r.timestamp && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Arrays.hashCode(value) + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "LogRecord[key=" + (key == null ? "null" : key.length + "B") + ", value="
                + (value == null ? "null" : value.length + "B") + ", timestamp=" + timestamp + ", headers=" + headers + "]";
    }
}
