package io.edgegateway.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes whole sealed segments: per topic by age (the segment's newest record older than
 * {@code retentionMs}) and by bytes (oldest first while a partition is above {@code retentionBytes}),
 * sparing data that cursors have not yet read up to {@code maxProtectedBytes}; and globally when the disk
 * budget is reached: first the damaged tails that recovery set aside ({@code .corrupt} files, oldest
 * first), then the oldest segment of the lowest-priority topic, protection or not. Every deleted record
 * is counted per partition ({@link Partition#droppedRecords}), every deleted {@code .corrupt} file in
 * {@link LogContext#corruptFilesDeleted}.
 */
final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final Supplier<Collection<Partition>> partitions;
    private final Function<Partition, Long> lowestCursor;
    private final LogContext ctx;
    private final LogConfig config;
    private final Path root;
    private final Runnable requestRoll;
    /** Set-aside tails still on disk, oldest first. Only recovery at open makes them, so one scan finds all. */
    private final List<CorruptFile> corruptFiles = new ArrayList<>();

    private record CorruptFile(Path path, long bytes, long modifiedMs) {
    }

    /**
     * @param lowestCursor the lowest cursor position on a partition, or -1 if no cursor reads it
     * @param requestRoll asks the maintenance thread to roll active segments when nothing sealed is left
     */
    Retention(Supplier<Collection<Partition>> partitions, Function<Partition, Long> lowestCursor, LogContext ctx,
            LogConfig config, Path root, Runnable requestRoll) {
        this.partitions = partitions;
        this.lowestCursor = lowestCursor;
        this.ctx = ctx;
        this.config = config;
        this.root = root;
        this.requestRoll = requestRoll;
    }

    /** One pass of per-topic retention, then the budget. */
    synchronized void run() {
        long now = config.clock().millis();
        for (Partition p : partitions.get()) {
            applyTopicLimits(p, now);
        }
        recount();
        if (ctx.budget() >= 0 && ctx.usedBytes() > ctx.budget()) {
            makeRoom(null, 0);
        }
    }

    private void applyTopicLimits(Partition p, long now) {
        TopicConfig c = p.config();
        while (true) {
            List<Segment> segs = p.segments();
            if (segs.size() < 2) {
                return;
            }
            Segment oldest = segs.get(0);
            String why = null;
            if (c.retentionMs() > 0 && oldest.maxTimestamp() >= 0 && oldest.maxTimestamp() < now - c.retentionMs()) {
                why = "older than retentionMs=" + c.retentionMs();
            } else if (c.retentionBytes() > 0 && p.sizeBytes() - oldest.size() >= c.retentionBytes()) {
                why = "partition above retentionBytes=" + c.retentionBytes();
            }
            if (why == null || isProtected(p, oldest, segs)) {
                return;
            }
            long freed = p.deleteOldest(oldest, why);
            if (freed > 0) {
                ctx.removed(freed);
            }
        }
    }

    /** Unread data stays while what cursors have not read fits in maxProtectedBytes. */
    private boolean isProtected(Partition p, Segment s, List<Segment> segs) {
        long limit = p.config().maxProtectedBytes();
        if (limit <= 0) {
            return false;
        }
        long cursor = lowestCursor.apply(p);
        if (cursor < 0 || s.endOffset() <= cursor) {
            return false;
        }
        long unread = 0;
        for (Segment x : segs) {
            if (x.endOffset() > cursor) {
                unread += x.size();
            }
        }
        if (unread <= limit) {
            return true;
        }
        log.warn("{}-{}: {} unread bytes exceed maxProtectedBytes={}; retention deletes unread records",
                p.topic, p.id, unread, limit);
        return false;
    }

    /**
     * Deletes oldest sealed segments of the lowest-priority topics until {@code bytes} more fit in the
     * budget. Returns false if they still do not fit.
     */
    synchronized boolean makeRoom(Partition requester, long bytes) {
        long budget = ctx.budget();
        boolean recounted = false;
        while (ctx.usedBytes() + bytes > budget) {
            // A damaged tail is kept only for inspection; it goes before any record.
            if (!corruptFiles.isEmpty()) {
                deleteCorrupt(corruptFiles.remove(0), budget);
                continue;
            }
            Partition victim = pickVictim();
            if (victim == null) {
                if (!recounted) {
                    recount();
                    recounted = true;
                    continue;
                }
                requestRoll.run();
                return false;
            }
            Segment oldest = victim.segments().get(0);
            long freed = victim.deleteOldest(oldest, "disk budget of " + budget + " bytes reached");
            if (freed > 0) {
                ctx.removed(freed);
            }
        }
        return true;
    }

    private void deleteCorrupt(CorruptFile c, long budget) {
        try {
            config.storage().delete(c.path());
        } catch (IOException e) {
            log.warn("deleting {} failed: {}", c.path(), e.toString());
            return;
        }
        ctx.removed(c.bytes());
        ctx.corruptFilesDeleted.incrementAndGet();
        log.warn("deleted {} ({} bytes), a damaged tail set aside at recovery: disk budget of {} bytes reached",
                c.path(), c.bytes(), budget);
        try {
            config.storage().syncDirectory(c.path().getParent());
        } catch (IOException e) {
            // Only the deletion's durability is at stake: after a crash the file would be found and deleted again.
            log.debug("syncing {} after deleting {}: {}", c.path().getParent(), c.path().getFileName(), e.toString());
        }
    }

    /**
     * Finds the {@code .corrupt} files under {@code topics/<topic>/<partition>/}, oldest first (by
     * modification time, then by partition, segment and position).
     */
    synchronized void findCorruptFiles() {
        Storage storage = config.storage();
        List<CorruptFile> found = new ArrayList<>();
        try {
            Path topics = root.resolve(LocalLog.TOPICS);
            for (String t : storage.list(topics)) {
                Path tdir = topics.resolve(t);
                if (!storage.isDirectory(tdir)) {
                    continue;
                }
                for (String p : storage.list(tdir)) {
                    Path pdir = tdir.resolve(p);
                    if (!storage.isDirectory(pdir)) {
                        continue;
                    }
                    for (String name : storage.list(pdir)) {
                        if (name.endsWith(Segment.CORRUPT)) {
                            Path f = pdir.resolve(name);
                            found.add(new CorruptFile(f, storage.size(f), storage.lastModifiedMillis(f)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.warn("could not look for set-aside corrupt tails under {}: {}", root, e.toString());
        }
        found.sort(Comparator.comparingLong(CorruptFile::modifiedMs).thenComparing(c -> c.path().toString()));
        corruptFiles.clear();
        corruptFiles.addAll(found);
    }

    /** The partition of the lowest-priority topic whose oldest sealed segment is oldest. */
    private Partition pickVictim() {
        List<Partition> candidates = new ArrayList<>();
        for (Partition p : partitions.get()) {
            if (p.segments().size() >= 2) {
                candidates.add(p);
            }
        }
        return candidates.stream()
                .min(Comparator.<Partition>comparingInt(p -> p.config().priority())
                        .thenComparingLong(p -> p.segments().get(0).maxTimestamp())
                        .thenComparingLong(p -> p.segments().get(0).baseOffset()))
                .orElse(null);
    }

    /** The partition that should be rolled so its data can go: lowest priority, largest active segment. */
    Partition rollCandidate() {
        return partitions.get().stream().filter(p -> p.active().size() > 0)
                .min(Comparator.<Partition>comparingInt(p -> p.config().priority())
                        .thenComparing(Comparator.comparingLong((Partition p) -> p.active().size()).reversed()))
                .orElse(null);
    }

    /**
     * Sets the usage account to the bytes of every file under the log directory, plus the index files of
     * segments still sealing in the background (counted from their roll on).
     */
    void recount() {
        try {
            long pending = 0;
            for (Partition p : partitions.get()) {
                pending += p.uncommittedIndexBytes();
            }
            ctx.setUsedBytes(DiskUsage.of(config.storage(), root) + pending);
        } catch (IOException e) {
            log.warn("could not measure the log directory {}: {}", root, e.toString());
        }
    }
}
