package io.edgegateway.uplink;

import io.edgegateway.log.Cursor;
import io.edgegateway.log.LogReader;

/**
 * One local partition being forwarded: its reader (owned by the forwarder thread), the durable local
 * cursor, and the delivered position (the next offset not yet delivered), which status callers read.
 */
final class Source {
    final EdgePartition id;
    final ForwardedTopic topic;
    final Cursor cursor;
    LogReader reader;
    volatile long delivered;

    Source(EdgePartition id, ForwardedTopic topic, Cursor cursor) {
        this.id = id;
        this.topic = topic;
        this.cursor = cursor;
        this.delivered = cursor.position(id.partition());
    }
}
