package io.edgegateway.log;

/** Where an appended record was stored, returned once the record is durable per the topic's policy. */
public record AppendResult(String topic, int partition, long offset, long timestamp) {
}
