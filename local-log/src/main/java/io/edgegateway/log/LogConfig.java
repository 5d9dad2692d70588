package io.edgegateway.log;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a whole log directory: the global disk budget (every byte the log keeps counts: segments,
 * indexes, checkpoints and set-aside corrupt tails), how often recovery points are checkpointed and
 * retention runs, the write buffer per partition, how long asynchronous appends may linger to share a
 * write, the clock, and the {@link Storage} (tests pass their own). Immutable; build with {@link #builder()}.
 */
public final class LogConfig {
    private final long diskBudgetBytes;
    private final long checkpointIntervalMs;
    private final long retentionCheckIntervalMs;
    private final int writeBufferBytes;
    private final int indexIntervalBytes;
    private final long asyncLingerMicros;
    private final Clock clock;
    private final Storage storage;

    private LogConfig(Builder b) {
        diskBudgetBytes = b.diskBudgetBytes;
        checkpointIntervalMs = b.checkpointIntervalMs;
        retentionCheckIntervalMs = b.retentionCheckIntervalMs;
        writeBufferBytes = b.writeBufferBytes;
        indexIntervalBytes = b.indexIntervalBytes;
        asyncLingerMicros = b.asyncLingerMicros;
        clock = b.clock;
        storage = b.storage;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static LogConfig defaults() {
        return builder().build();
    }

    /** The most bytes the log may keep on disk; -1 for no budget (the disk's own size is then the limit). */
    public long diskBudgetBytes() { return diskBudgetBytes; }
    public long checkpointIntervalMs() { return checkpointIntervalMs; }
    public long retentionCheckIntervalMs() { return retentionCheckIntervalMs; }
    /** Records are gathered in a buffer of this size per partition; one batch is at most one buffer. */
    public int writeBufferBytes() { return writeBufferBytes; }
    public int indexIntervalBytes() { return indexIntervalBytes; }
    public long asyncLingerMicros() { return asyncLingerMicros; }
    public Clock clock() { return clock; }
    public Storage storage() { return storage; }

    /** Builds a {@link LogConfig}; {@link #build()} rejects bad values naming the setting. */
    public static final class Builder {
        private long diskBudgetBytes = -1;
        private long checkpointIntervalMs = 5_000;
        private long retentionCheckIntervalMs = 10_000;
        private int writeBufferBytes = 64 * 1024;
        private int indexIntervalBytes = 4096;
        private long asyncLingerMicros = 500;
        private Clock clock = Clock.systemUTC();
        private Storage storage = new FileStorage();

        public Builder diskBudgetBytes(long v) { diskBudgetBytes = v; return this; }
        public Builder checkpointIntervalMs(long v) { checkpointIntervalMs = v; return this; }
        public Builder retentionCheckIntervalMs(long v) { retentionCheckIntervalMs = v; return this; }
        public Builder writeBufferBytes(int v) { writeBufferBytes = v; return this; }
        public Builder indexIntervalBytes(int v) { indexIntervalBytes = v; return this; }
        public Builder asyncLingerMicros(long v) { asyncLingerMicros = v; return this; }
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v, "clock"); return this; }
        public Builder storage(Storage v) { storage = Objects.requireNonNull(v, "storage"); return this; }

        public LogConfig build() {
            if (diskBudgetBytes != -1 && diskBudgetBytes < 64 * 1024) {
                throw new IllegalArgumentException("diskBudgetBytes=" + diskBudgetBytes + " must be -1 or >= 65536");
            }
            if (checkpointIntervalMs < 1) {
                throw new IllegalArgumentException("checkpointIntervalMs=" + checkpointIntervalMs + " must be >= 1");
            }
            if (retentionCheckIntervalMs < 1) {
                throw new IllegalArgumentException("retentionCheckIntervalMs=" + retentionCheckIntervalMs + " must be >= 1");
            }
            if (writeBufferBytes < 4096 || writeBufferBytes > (16 << 20)) {
                throw new IllegalArgumentException("writeBufferBytes=" + writeBufferBytes + " must be 4096..16777216");
            }
            if (indexIntervalBytes < 128) {
                throw new IllegalArgumentException("indexIntervalBytes=" + indexIntervalBytes + " must be >= 128");
            }
            if (asyncLingerMicros < 0) {
                throw new IllegalArgumentException("asyncLingerMicros=" + asyncLingerMicros + " must be >= 0");
            }
            return new LogConfig(this);
        }
    }
}
