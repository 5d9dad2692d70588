package io.edgegateway.log;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one topic is stored: partition count, retention by age and bytes (per partition, as in Kafka), the
 * durability policy, the priority used when the global disk budget forces deletions (lower goes first),
 * segment roll limits, the largest record accepted, and how many bytes cursors may protect from retention.
 * Immutable; build with {@link #builder(String)}.
 */
public final class TopicConfig {
    /** Topic names as Kafka allows them, so a local topic maps 1:1 to a central one. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    private final String name;
    private final int partitions;
    private final long retentionMs;
    private final long retentionBytes;
    private final Durability durability;
    private final long flushIntervalMs;
    private final long flushIntervalBytes;
    private final int priority;
    private final long segmentBytes;
    private final long segmentMs;
    private final int maxRecordBytes;
    private final long maxProtectedBytes;

    private TopicConfig(Builder b) {
        this.name = b.name;
        this.partitions = b.partitions;
        this.retentionMs = b.retentionMs;
        this.retentionBytes = b.retentionBytes;
        this.durability = b.durability;
        this.flushIntervalMs = b.flushIntervalMs;
        this.flushIntervalBytes = b.flushIntervalBytes;
        this.priority = b.priority;
        this.segmentBytes = b.segmentBytes;
        this.segmentMs = b.segmentMs;
        this.maxRecordBytes = b.maxRecordBytes;
        this.maxProtectedBytes = b.maxProtectedBytes;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder preset with this config's values, for changing a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.partitions = partitions;
        b.retentionMs = retentionMs;
        b.retentionBytes = retentionBytes;
        b.durability = durability;
        b.flushIntervalMs = flushIntervalMs;
        b.flushIntervalBytes = flushIntervalBytes;
        b.priority = priority;
        b.segmentBytes = segmentBytes;
        b.segmentMs = segmentMs;
        b.maxRecordBytes = maxRecordBytes;
        b.maxRecordBytesSet = true;
        b.maxProtectedBytes = maxProtectedBytes;
        return b;
    }

    public String name() { return name; }
    public int partitions() { return partitions; }
    /** Sealed segments whose newest record is older than this are deleted; -1 keeps them forever. */
    public long retentionMs() { return retentionMs; }
    /** Oldest sealed segments are deleted while a partition is larger than this; -1 means no limit. */
    public long retentionBytes() { return retentionBytes; }
    public Durability durability() { return durability; }
    /** Under {@code interval}, the flusher fsyncs at least this often (default 200 ms). */
    public long flushIntervalMs() { return flushIntervalMs; }
    /**
     * Under {@code interval}, the append whose batch takes the unsynced bytes past this fsyncs before it is
     * acknowledged, bounding a power cut's loss in bytes as well as in time; -1 (the default) sets no byte
     * limit, as Kafka's {@code flush.messages} sets none by default.
     */
    public long flushIntervalBytes() { return flushIntervalBytes; }
    public int priority() { return priority; }
    public long segmentBytes() { return segmentBytes; }
    public long segmentMs() { return segmentMs; }
    public int maxRecordBytes() { return maxRecordBytes; }
    /**
     * Per partition, how many bytes at or after the lowest cursor position are kept even when age or
     * byte retention would delete them; the global disk budget still wins. 0 disables protection.
     */
    public long maxProtectedBytes() { return maxProtectedBytes; }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicConfig t && name.equals(t.name) && partitions == t.partitions
                && retentionMs == t.retentionMs && retentionBytes == t.retentionBytes && durability == t.durability
                && flushIntervalMs == t.flushIntervalMs && flushIntervalBytes == t.flushIntervalBytes
                && priority == t.priority && segmentBytes == t.segmentBytes && segmentMs == t.segmentMs
                && maxRecordBytes == t.maxRecordBytes && maxProtectedBytes == t.maxProtectedBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, partitions, retentionMs, retentionBytes, durability, priority);
    }

    @Override
    public String toString() {
        return "TopicConfig[" + name + ", partitions=" + partitions + ", durability=" + durability
                + ", retentionMs=" + retentionMs + ", retentionBytes=" + retentionBytes + ", priority=" + priority
                + ", segmentBytes=" + segmentBytes + ", segmentMs=" + segmentMs + ", flushIntervalMs="
                + flushIntervalMs + ", flushIntervalBytes=" + flushIntervalBytes + ", maxRecordBytes="
                + maxRecordBytes + ", maxProtectedBytes=" + maxProtectedBytes + "]";
    }

    /** Builds a {@link TopicConfig}; {@link #build()} rejects bad values naming the setting. */
    public static final class Builder {
        private final String name;
        private int partitions = 1;
        private long retentionMs = 7L * 24 * 3600 * 1000;
        private long retentionBytes = -1;
        private Durability durability = Durability.INTERVAL;
        private long flushIntervalMs = 200;
        private long flushIntervalBytes = -1;
        private int priority = 0;
        private long segmentBytes = 16L << 20;
        private long segmentMs = 24L * 3600 * 1000;
        private int maxRecordBytes = 1 << 20;
        private boolean maxRecordBytesSet;
        private long maxProtectedBytes = 0;

        private Builder(String name) {
            this.name = name;
        }

        public Builder partitions(int v) { partitions = v; return this; }
        public Builder retentionMs(long v) { retentionMs = v; return this; }
        public Builder retentionBytes(long v) { retentionBytes = v; return this; }
        public Builder durability(Durability v) { durability = v; return this; }
        public Builder flushIntervalMs(long v) { flushIntervalMs = v; return this; }
        public Builder flushIntervalBytes(long v) { flushIntervalBytes = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        /**
         * The size at which a segment rolls (default 16 MiB). While the previous segment is still being
         * sealed in the background (under {@code os} and {@code interval}), a segment may grow up to half
         * this size more before the roll waits for that seal.
         */
        public Builder segmentBytes(long v) { segmentBytes = v; return this; }
        public Builder segmentMs(long v) { segmentMs = v; return this; }
        /** The largest encoded record (key, value, headers and their lengths); default 1 MiB or what the segment allows. */
        public Builder maxRecordBytes(int v) { maxRecordBytes = v; maxRecordBytesSet = true; return this; }
        public Builder maxProtectedBytes(long v) { maxProtectedBytes = v; return this; }

        public TopicConfig build() {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("topic name '" + name
                        + "' is invalid: use 1 to 200 of the characters a-z A-Z 0-9 . _ -");
            }
            if (name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("topic name '" + name + "' is invalid");
            }
            require(partitions >= 1 && partitions <= 1024, "partitions", partitions, "must be 1..1024");
            require(retentionMs == -1 || retentionMs > 0, "retentionMs", retentionMs, "must be -1 (forever) or > 0");
            require(retentionBytes == -1 || retentionBytes > 0, "retentionBytes", retentionBytes,
                    "must be -1 (no limit) or > 0");
            Objects.requireNonNull(durability, "durability");
            require(flushIntervalMs >= 1, "flushIntervalMs", flushIntervalMs, "must be >= 1");
            require(flushIntervalBytes >= 1 || flushIntervalBytes == -1, "flushIntervalBytes", flushIntervalBytes,
                    "must be >= 1, or -1 for no byte limit");
            require(segmentBytes >= 4096 && segmentBytes <= Integer.MAX_VALUE, "segmentBytes", segmentBytes,
                    "must be 4096..2147483647");
            require(segmentMs >= 1, "segmentMs", segmentMs, "must be >= 1");
            if (!maxRecordBytesSet) {
                maxRecordBytes = (int) Math.min(maxRecordBytes, segmentBytes - Batch.HEADER_SIZE - 16);
            }
            require(maxRecordBytes >= 64 && maxRecordBytes <= Math.min(segmentBytes - Batch.HEADER_SIZE - 16, 64 << 20),
                    "maxRecordBytes", maxRecordBytes, "must be 64..min(64 MiB, segmentBytes - 56)");
            require(maxProtectedBytes >= 0, "maxProtectedBytes", maxProtectedBytes, "must be >= 0");
            return new TopicConfig(this);
        }

        private void require(boolean ok, String key, long value, String rule) {
            if (!ok) {
                throw new IllegalArgumentException("topic '" + name + "': " + key + "=" + value + " " + rule);
            }
        }
    }
}
