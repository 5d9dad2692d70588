package io.edgegateway.log;

/**
 * A snapshot of one partition: the first offset still stored, the offset the next append will get, the
 * bytes of its segment files and indexes, the number of segments, and records dropped by retention or the
 * disk budget so far in this process.
 */
public record PartitionInfo(String topic, int partition, long startOffset, long endOffset, long sizeBytes,
        int segmentCount) {

    /** Records currently stored. */
    public long recordCount() {
        return endOffset - startOffset;
    }
}
