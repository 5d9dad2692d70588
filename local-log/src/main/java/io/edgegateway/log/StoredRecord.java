package io.edgegateway.log;

import java.util.List;

/**
 * A record as read back from the log, with the partition and offset it was stored at. Every field was
 * covered by the batch CRC, so a {@code StoredRecord} is always exactly what was appended.
 */
public record StoredRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
        List<Header> headers) {

    /** The record without its position, for comparing with what was appended. */
    public LogRecord toLogRecord() {
        return new LogRecord(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " " + toLogRecord();
    }
}
