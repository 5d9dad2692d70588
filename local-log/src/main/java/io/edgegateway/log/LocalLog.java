package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.RandomAccess;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable, partitioned log in one directory: Kafka's model (topics, partitions, offsets, retention) for
 * one small board with no replicas. Records are appended to a partition chosen by key exactly as Kafka's
 * default partitioner does ({@link KeyPartitioner}); an append returns once the record is durable per the
 * topic's {@link Durability} policy. Readers follow a partition from an offset or a timestamp; named
 * {@link Cursor}s remember positions durably. Thread-safe.
 *
 * <p>Directory layout: {@code topics/<topic>/topic.conf} (the topic's settings),
 * {@code topics/<topic>/<partition>/<baseOffset>.log|.index|.timeindex} (segments), {@code *.corrupt}
 * (damaged tails cut at recovery), {@code cursors/<name>/<topic>.cursor}, and a {@code .lock} file.
 * The byte formats are in {@code docs/log-format.md}.
 *
 * <p>Opening recovers from any crash: each partition's active segment is scanned, its first bad batch
 * and everything after it is cut (non-zero bytes are kept aside in a {@code .corrupt} file) and counted;
 * sealed segments are never cut (a reader reports their damage). Opening never loops or hangs.
 */
public final class LocalLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalLog.class);
    static final String TOPICS = "topics";
    static final String CURSORS = "cursors";
    static final String TOPIC_CONF = "topic.conf";
    static final String CURSOR_SUFFIX = ".cursor";

    private final Path root;
    private final LogConfig config;
    private final Storage storage;
    private final boolean readOnly;
    private final LogContext ctx;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final List<Partition> allPartitions = new CopyOnWriteArrayList<>();
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final Retention retention;
    private final Maintenance maintenance;
    private final AutoCloseable lock;
    private volatile boolean closed;

    private record Topic(TopicConfig config, Partition[] partitions) {
    }

    /**
     * The topic looked up last and the {@link #topicsVersion} it was found at: appends in a loop to one
     * topic skip the map, whose lookup (a megamorphic {@code equals} on the key) cost about 5% of the CPU
     * of 4 appenders of 100-byte records. Valid only while no topic was put since.
     */
    private record LastTopic(String name, Topic topic, int version) {
    }

    private volatile LastTopic lastTopic;
    private volatile int topicsVersion;

    private LocalLog(Path root, LogConfig config, boolean readOnly) throws IOException {
        this.root = root;
        this.config = config;
        this.storage = config.storage();
        this.readOnly = readOnly;
        this.ctx = new LogContext(config.diskBudgetBytes());
        if (!readOnly) {
            storage.createDirectories(root.resolve(TOPICS));
            storage.createDirectories(root.resolve(CURSORS));
            // A new directory entry is durable only once the directory holding it is synced. At every open,
            // not only when the folders are new: an earlier open may have created them and failed to sync.
            storage.syncDirectory(root);
            Path parent = root.toAbsolutePath().getParent();
            if (parent != null) {
                storage.syncDirectory(parent);
            }
            this.lock = storage.lock(root.resolve(".lock"));
        } else {
            this.lock = () -> { };
        }
        this.retention = new Retention(() -> allPartitions, this::lowestCursor, ctx, config, root,
                this::requestRoll);
        this.maintenance = readOnly ? null
                : new Maintenance(() -> allPartitions, retention, config, "log-maintenance-" + root.getFileName());
        ctx.setMakeRoom((p, n) -> retention.makeRoom(p, n));
        if (maintenance != null) {
            ctx.setFlusherWakeup(maintenance::wake);
            ctx.setFlusherWakeupBy(maintenance::wakeBy);
        }
    }

    private void requestRoll() {
        if (maintenance != null) {
            maintenance.requestRoll();
        }
    }

    /** Opens (creating if needed) a log directory with default settings. */
    public static LocalLog open(Path dir) {
        return open(dir, LogConfig.defaults());
    }

    /** Opens (creating if needed) a log directory, recovering it after a crash. */
    public static LocalLog open(Path dir, LogConfig config) {
        return open(dir, config, false);
    }

    /**
     * Opens a log for inspection only, possibly while a gateway writes it: nothing is cut, deleted or
     * written; appends and cursor commits are refused.
     */
    public static LocalLog openReadOnly(Path dir) {
        return open(dir, LogConfig.defaults(), true);
    }

    private static LocalLog open(Path dir, LogConfig config, boolean readOnly) {
        Objects.requireNonNull(dir, "dir");
        LocalLog l = null;
        try {
            if (readOnly && !config.storage().exists(dir.resolve(TOPICS))) {
                throw new LogException(dir + " is not a log directory (no " + TOPICS + "/ inside)");
            }
            l = new LocalLog(dir, config, readOnly);
            l.loadTopics();
            l.loadCursors();
            l.retention.recount();
            if (!readOnly) {
                l.retention.findCorruptFiles();
            }
            if (l.maintenance != null) {
                l.maintenance.start();
            }
            log.info("opened log {}: {} topics, {} partitions, {} bytes", dir, l.topics.size(), l.allPartitions.size(),
                    l.ctx.usedBytes());
            return l;
        } catch (IOException e) {
            closeQuietly(l);
            throw new LogException("cannot open log directory " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(l);
            throw e;
        }
    }

    private static void closeQuietly(LocalLog l) {
        if (l != null) {
            try {
                l.close();
            } catch (RuntimeException suppressed) {
                log.debug("close after failed open: {}", suppressed.toString());
            }
        }
    }

    private void loadTopics() throws IOException {
        Path dir = root.resolve(TOPICS);
        for (String name : new TreeSet<>(storage.list(dir))) {
            Path conf = dir.resolve(name).resolve(TOPIC_CONF);
            Path confTmp = conf.resolveSibling(TOPIC_CONF + AtomicFiles.TMP);
            if (!readOnly && storage.exists(confTmp)) {
                storage.delete(confTmp);
            }
            if (!storage.exists(conf)) {
                log.warn("{}: no {}; ignoring the folder", dir.resolve(name), TOPIC_CONF);
                continue;
            }
            TopicConfig c = TopicConfigFile.parse(
                    StandardCharsets.UTF_8.decode(AtomicFiles.readAll(storage, conf)).toString(), name, conf);
            openTopic(c);
        }
        if (!readOnly) {
            // A topic folder that a failed createTopic left unsynced is loaded like any other: make it durable.
            storage.syncDirectory(dir);
        }
    }

    private void openTopic(TopicConfig c) throws IOException {
        Partition[] ps = new Partition[c.partitions()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = Partition.open(c.name(), i, partitionDir(c.name(), i), c, config, ctx, readOnly);
        }
        if (!readOnly) {
            // Makes the partition folders' entries durable (they may just have been created).
            storage.syncDirectory(root.resolve(TOPICS).resolve(c.name()));
        }
        putTopic(new Topic(c, ps));
        allPartitions.addAll(List.of(ps));
    }

    private Path partitionDir(String topic, int p) {
        return root.resolve(TOPICS).resolve(topic).resolve(Integer.toString(p));
    }

    private void loadCursors() throws IOException {
        Path dir = root.resolve(CURSORS);
        if (!storage.exists(dir)) {
            return;
        }
        for (String name : storage.list(dir)) {
            Path cdir = dir.resolve(name);
            if (!storage.isDirectory(cdir)) {
                continue;
            }
            for (String f : storage.list(cdir)) {
                if (f.endsWith(AtomicFiles.TMP) && !readOnly) {
                    storage.delete(cdir.resolve(f));
                } else if (f.endsWith(CURSOR_SUFFIX)) {
                    String topic = f.substring(0, f.length() - CURSOR_SUFFIX.length());
                    if (topics.containsKey(topic)) {
                        cursor(name, topic);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- topics

    /**
     * Creates a topic, or returns quietly if it exists with the same settings. If it exists with other
     * settings, they are updated ({@link #updateTopic}); a different partition count is refused.
     */
    public synchronized void createTopic(TopicConfig c) {
        checkWritable();
        Topic t = topics.get(c.name());
        if (t != null) {
            if (!t.config().equals(c)) {
                updateTopic(c);
            }
            return;
        }
        try {
            Path dir = root.resolve(TOPICS).resolve(c.name());
            storage.createDirectories(dir);
            AtomicFiles.write(storage, dir.resolve(TOPIC_CONF), ByteBuffer.wrap(TopicConfigFile.render(c)
                    .getBytes(StandardCharsets.UTF_8)));
            storage.syncDirectory(root.resolve(TOPICS));
            openTopic(c);
            // The budget counts the new folders, topic.conf and first segments.
            retention.recount();
        } catch (IOException e) {
            throw ctx.translate(e, "creating topic " + c.name());
        }
        log.info("created {}", c);
    }

    /** Changes a topic's retention, durability, priority or limits; the partition count cannot change. */
    public synchronized void updateTopic(TopicConfig c) {
        checkWritable();
        Topic t = topic(c.name());
        if (t.config().partitions() != c.partitions()) {
            throw new LogException("topic '" + c.name() + "' has " + t.config().partitions()
                    + " partitions; changing it to " + c.partitions() + " would move keys to other partitions");
        }
        try {
            AtomicFiles.write(storage, root.resolve(TOPICS).resolve(c.name()).resolve(TOPIC_CONF),
                    ByteBuffer.wrap(TopicConfigFile.render(c).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw ctx.translate(e, "updating topic " + c.name());
        }
        for (Partition p : t.partitions()) {
            p.updateConfig(c);
        }
        retention.recount();
        putTopic(new Topic(c, t.partitions()));
        log.info("updated {}", c);
    }

    public Map<String, TopicConfig> topics() {
        Map<String, TopicConfig> m = new TreeMap<>();
        topics.forEach((k, v) -> m.put(k, v.config()));
        return m;
    }

    public TopicConfig topicConfig(String topic) {
        return topic(topic).config();
    }

    /** Under this log's monitor (createTopic, updateTopic) or in the constructor: one writer at a time. */
    private void putTopic(Topic t) {
        topics.put(t.config().name(), t);
        topicsVersion++;
    }

    private Topic topic(String name) {
        LastTopic last = lastTopic;
        if (last != null && last.version() == topicsVersion && last.name().equals(name)) {
            return last.topic();
        }
        // The version is read before the map: a topic put in between makes this entry stale at once.
        int version = topicsVersion;
        Topic t = topics.get(name);
        if (t == null) {
            throw new UnknownTopicException("unknown topic '" + name + "'; known: " + new TreeSet<>(topics.keySet()));
        }
        lastTopic = new LastTopic(name, t, version);
        return t;
    }

    private Partition partition(String topic, int p) {
        Topic t = topic(topic);
        if (p < 0 || p >= t.partitions().length) {
            throw new UnknownTopicException("topic '" + topic + "' has partitions 0.." + (t.partitions().length - 1)
                    + ", not " + p);
        }
        return t.partitions()[p];
    }

    /** The partition a key goes to: Kafka's default partitioner; null keys go round-robin. */
    public int partitionFor(String topic, byte[] key) {
        return partitionFor(topic(topic), key);
    }

    private static int partitionFor(Topic t, byte[] key) {
        int n = t.partitions().length;
        if (key == null) {
            return n == 1 ? 0 : (int) (t.partitions()[0].nextRoundRobin() % n);
        }
        return KeyPartitioner.partition(key, n);
    }

    // ---------------------------------------------------------------- appending

    /** Appends one record; returns when it is durable per the topic's policy. */
    public AppendResult append(String topic, LogRecord record) {
        return append(topic, partitionFor(topic, record.key()), record);
    }

    /** Appends one record to a given partition; returns when it is durable per the topic's policy. */
    public AppendResult append(String topic, int partition, LogRecord record) {
        checkWritable();
        Partition p = partition(topic, partition);
        long ts = timestampOf(record);
        long[] off = new long[1];
        BatchTicket t = p.add(record, ts, off);
        p.complete(t);
        if (!t.isAcked()) {
            throw rethrow(t.error());
        }
        return new AppendResult(topic, partition, off[0], ts);
    }

    /**
     * Appends one record without waiting; the future completes when the record is durable per the
     * topic's policy (or fails). Records from one thread keep their order. A record with timestamp -1 gets
     * the clock's time when it joins the thread's batch; one clock reading serves up to 16 such records of
     * a batch, so the time may be up to the batch's linger ({@link LogConfig#asyncLingerMicros}, 0.5 ms by
     * default) earlier than the call, as with Kafka's LogAppendTime, where one time stamps a whole batch.
     */
    public CompletableFuture<AppendResult> appendAsync(String topic, LogRecord record) {
        try {
            checkWritable();
            Topic t = topic(topic);
            Partition p = t.partitions()[partitionFor(t, record.key())];
            CompletableFuture<AppendResult> f = new CompletableFuture<>();
            p.addAsync(record, record.timestamp() == -1 ? Partition.NOW : timestampOf(record), f);
            p.writeSealed();
            return f;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Appends records in order; returns when all are durable. Results are in the order of the input. The
     * records of one partition are added under one acquisition of its append lock. Records without a
     * timestamp all get the time of the call.
     */
    public List<AppendResult> appendBatch(String topic, List<LogRecord> records) {
        checkWritable();
        Topic t = topic(topic);
        Partition[] ps = t.partitions();
        int n = records.size();
        int[] pids = new int[n];
        long[] ts = new long[n];
        int[] perPartition = new int[ps.length];
        // One clock read per call rather than per record: the records of one call are appended "now"
        // together, and a clock read cost about as much as encoding a small record.
        long now = 0;
        boolean haveNow = false;
        for (int i = 0; i < n; i++) {
            LogRecord r = records.get(i);
            pids[i] = partitionFor(t, r.key());
            if (r.timestamp() == -1) {
                if (!haveNow) {
                    now = config.clock().millis();
                    haveNow = true;
                }
                ts[i] = now;
            } else {
                ts[i] = timestampOf(r);
            }
            perPartition[pids[i]]++;
        }
        long[] offsets = new long[n];
        BatchTicket[] tickets = new BatchTicket[n];
        BatchTicket[] last = new BatchTicket[ps.length];
        if (ps.length == 1 && n > 0) {
            ps[0].addAll(records, null, 0, n, ts, offsets, tickets);
            last[0] = tickets[n - 1];
        } else if (n > 0) {
            // Group the records by partition, keeping their order within each (a counting sort).
            int[] start = new int[ps.length + 1];
            for (int pid = 0; pid < ps.length; pid++) {
                start[pid + 1] = start[pid] + perPartition[pid];
            }
            int[] fill = Arrays.copyOf(start, ps.length);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[fill[pids[i]]++] = i;
            }
            for (int pid = 0; pid < ps.length; pid++) {
                if (start[pid + 1] > start[pid]) {
                    ps[pid].addAll(records, idx, start[pid], start[pid + 1], ts, offsets, tickets);
                    last[pid] = tickets[idx[start[pid + 1] - 1]];
                }
            }
        }
        for (int pid = 0; pid < ps.length; pid++) {
            if (last[pid] != null) {
                ps[pid].complete(last[pid]);
            }
        }
        BatchTicket previous = null;
        for (int i = 0; i < n; i++) {
            BatchTicket ticket = tickets[i];
            if (ticket == previous) {
                continue;
            }
            previous = ticket;
            if (!ticket.isDone()) {
                // An earlier batch of the same partition is decided by the time the last one is.
                throw new IllegalStateException("batch at offset " + ticket.baseOffset + " undecided");
            }
            if (!ticket.isAcked()) {
                throw rethrow(ticket.error());
            }
        }
        return new BatchResults(topic, pids, offsets, ts);
    }

    /** The results of {@link #appendBatch}: an immutable list over the arrays, one object per call instead of per record. */
    private static final class BatchResults extends AbstractList<AppendResult> implements RandomAccess {
        private final String topic;
        private final int[] partitions;
        private final long[] offsets;
        private final long[] timestamps;

        BatchResults(String topic, int[] partitions, long[] offsets, long[] timestamps) {
            this.topic = topic;
            this.partitions = partitions;
            this.offsets = offsets;
            this.timestamps = timestamps;
        }

        @Override
        public AppendResult get(int i) {
            return new AppendResult(topic, partitions[i], offsets[i], timestamps[i]);
        }

        @Override
        public int size() {
            return offsets.length;
        }
    }

    /** {@link #appendBatch} without blocking the caller. */
    public CompletableFuture<List<AppendResult>> appendBatchAsync(String topic, List<LogRecord> records) {
        List<CompletableFuture<AppendResult>> fs = new ArrayList<>(records.size());
        for (LogRecord r : records) {
            fs.add(appendAsync(topic, r));
        }
        return CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).thenApply(v -> {
            List<AppendResult> out = new ArrayList<>(fs.size());
            for (CompletableFuture<AppendResult> f : fs) {
                out.add(f.join());
            }
            return out;
        });
    }

    private long timestampOf(LogRecord r) {
        if (r.timestamp() >= 0) {
            return r.timestamp();
        }
        if (r.timestamp() == -1) {
            return config.clock().millis();
        }
        throw new IllegalArgumentException("timestamp " + r.timestamp() + " is negative (use -1 for 'now')");
    }

    private static RuntimeException rethrow(RuntimeException e) {
        if (e instanceof DiskFullException d) {
            return new DiskFullException(d.getMessage(), d);
        }
        if (e instanceof LogException l) {
            return new LogException(l.getMessage(), l);
        }
        return e;
    }

    private void checkWritable() {
        if (closed) {
            throw new LogException("log " + root + " is closed");
        }
        if (readOnly) {
            throw new LogException("log " + root + " is open read-only");
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * A reader of one partition starting at {@code fromOffset} (clamped to the partition's start) that sees
     * every acknowledged record.
     */
    public LogReader reader(String topic, int partition, long fromOffset) {
        return reader(topic, partition, fromOffset, false);
    }

    /**
     * A reader that, if {@code durableOnly}, sees only records already fsynced, whatever the topic's
     * policy. A forwarder uses it so that nothing leaves the board that a power cut could still take
     * back: otherwise the records lost locally would be known centrally and their offsets handed out
     * again to new records. Under {@code interval} this delays records by up to the flush interval; under
     * {@code os} until the segment holding them is sealed (just after it rolls) or {@link #flush()}.
     */
    public LogReader reader(String topic, int partition, long fromOffset, boolean durableOnly) {
        Partition p = partition(topic, partition);
        return new PartitionReader(p, Math.max(fromOffset, p.startOffset()), durableOnly);
    }

    /** A reader of one partition starting at the first record with a timestamp at or after {@code timestamp}. */
    public LogReader readerFromTimestamp(String topic, int partition, long timestamp) {
        LogReader r = reader(topic, partition, 0);
        r.seekToTimestamp(timestamp);
        return r;
    }

    /**
     * The named cursor on a topic, created at each partition's start offset if new. The same name and topic
     * always give the same object.
     */
    public Cursor cursor(String name, String topic) {
        if (name == null || !TopicConfig.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cursor name '" + name + "' is invalid: use 1 to 200 of a-z A-Z 0-9 . _ -");
        }
        Topic t = topic(topic);
        return cursors.computeIfAbsent(name + "/" + topic, k -> loadCursor(name, t));
    }

    private Cursor loadCursor(String name, Topic t) {
        Path file = root.resolve(CURSORS).resolve(name).resolve(t.config().name() + CURSOR_SUFFIX);
        int n = t.partitions().length;
        long[] pos = new long[n];
        try {
            if (storage.exists(file)) {
                pos = Cursor.parse(StandardCharsets.UTF_8.decode(AtomicFiles.readAll(storage, file)).toString(), n, file);
                // A power cut can take records a cursor had passed (interval, os). Left there, the cursor would
                // skip the records appended next at those offsets; move it back to the end, durably.
                boolean clamped = false;
                for (int i = 0; i < n; i++) {
                    long end = t.partitions()[i].visibleEnd();
                    if (pos[i] > end) {
                        log.warn("cursor {} on {}-{} was at {}, past the end {} of the log; moved back to {}", name,
                                t.config().name(), i, pos[i], end, end);
                        pos[i] = end;
                        clamped = true;
                    }
                }
                if (clamped && !readOnly) {
                    AtomicFiles.write(storage, file, ByteBuffer.wrap(Cursor.render(pos).getBytes(StandardCharsets.UTF_8)));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    pos[i] = t.partitions()[i].startOffset();
                }
                if (!readOnly) {
                    storage.createDirectories(file.getParent());
                    storage.syncDirectory(root.resolve(CURSORS));
                    retention.recount();
                }
            }
        } catch (IOException e) {
            throw new LogException("cannot read cursor " + file + ": " + e, e);
        }
        return new Cursor(name, t.config().name(), n, storage, file, pos, ctx::added);
    }

    /** Every cursor known, by "name/topic". */
    public Map<String, Cursor> cursors() {
        return Collections.unmodifiableMap(new TreeMap<>(cursors));
    }

    private long lowestCursor(Partition p) {
        long lowest = -1;
        for (Cursor c : cursors.values()) {
            if (c.topic().equals(p.topic)) {
                long pos = c.position(p.id);
                lowest = lowest < 0 ? pos : Math.min(lowest, pos);
            }
        }
        return lowest;
    }

    // ---------------------------------------------------------------- state

    public PartitionInfo partitionInfo(String topic, int partition) {
        return partition(topic, partition).info();
    }

    public List<PartitionInfo> partitions(String topic) {
        List<PartitionInfo> out = new ArrayList<>();
        for (Partition p : topic(topic).partitions()) {
            out.add(p.info());
        }
        return out;
    }

    public LogStats stats() {
        Map<String, Long> dropped = new TreeMap<>();
        for (Partition p : allPartitions) {
            dropped.merge(p.topic, p.droppedRecords.get(), Long::sum);
        }
        return new LogStats(ctx.usedBytes(), ctx.budget(), dropped, ctx.recoveredCuts.get(), ctx.recoveredCutBytes.get(),
                ctx.syncs.get(), ctx.syncFailures.get(), ctx.appendFailures.get(), ctx.corruptFilesDeleted.get());
    }

    /** Runs retention and the disk budget now instead of waiting for the next pass. */
    public void enforceRetention() {
        checkWritable();
        long now = config.clock().millis();
        for (Partition p : allPartitions) {
            p.rollIfOld(now);
        }
        retention.run();
    }

    public Path directory() {
        return root;
    }

    /** Writes and fsyncs everything appended so far, whatever the policies. */
    public void flush() {
        checkWritable();
        for (Partition p : allPartitions) {
            p.flush();
        }
    }

    /**
     * Flushes and fsyncs every partition, writes the active indexes and releases the files and the
     * directory lock. Closing always completes, even on a full or failing disk: what was durable stays
     * durable, a pending batch that cannot be written fails its appenders and is cut, and records written
     * but not fsynced (possible under {@code interval} and {@code os}) are named in an error log line and
     * counted in {@link LogStats#fsyncFailures()}.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (maintenance != null) {
            maintenance.stop();
        }
        List<String> notSynced = new ArrayList<>();
        for (Partition p : allPartitions) {
            try {
                if (!readOnly) {
                    String problem = p.flushForClose();
                    if (problem != null) {
                        notSynced.add(problem);
                    }
                }
            } catch (RuntimeException e) {
                notSynced.add(p.topic + "-" + p.id + ": " + e);
            } finally {
                p.close();
            }
        }
        try {
            lock.close();
        } catch (Exception e) {
            log.debug("releasing the lock: {}", e.toString());
        }
        if (!notSynced.isEmpty()) {
            log.error("closed log {}, but not everything is durable (a power cut before the page cache is written "
                    + "back loses it): {}", root, String.join("; ", notSynced));
        }
    }

    Collection<Partition> partitionsForTest() {
        return allPartitions;
    }

    /** Reads and writes {@code topic.conf}: Java properties, one setting a line. */
    static final class TopicConfigFile {
        private TopicConfigFile() {
        }

        static String render(TopicConfig c) {
            return "# edge-gateway topic settings\n" + "partitions=" + c.partitions() + "\n" + "retentionMs="
                    + c.retentionMs() + "\n" + "retentionBytes=" + c.retentionBytes() + "\n" + "durability="
                    + c.durability().name().toLowerCase() + "\n" + "flushIntervalMs=" + c.flushIntervalMs() + "\n"
                    + "flushIntervalBytes=" + c.flushIntervalBytes() + "\n" + "priority=" + c.priority() + "\n"
                    + "segmentBytes=" + c.segmentBytes() + "\n" + "segmentMs=" + c.segmentMs() + "\n"
                    + "maxRecordBytes=" + c.maxRecordBytes() + "\n" + "maxProtectedBytes=" + c.maxProtectedBytes()
                    + "\n";
        }

        static TopicConfig parse(String text, String name, Path file) {
            Properties p = new Properties();
            try {
                p.load(new java.io.StringReader(text));
                TopicConfig.Builder b = TopicConfig.builder(name)
                        .partitions(Integer.parseInt(req(p, "partitions")))
                        .retentionMs(Long.parseLong(req(p, "retentionMs")))
                        .retentionBytes(Long.parseLong(req(p, "retentionBytes")))
                        .durability(Durability.valueOf(req(p, "durability").toUpperCase()))
                        .flushIntervalMs(Long.parseLong(req(p, "flushIntervalMs")))
                        .flushIntervalBytes(Long.parseLong(req(p, "flushIntervalBytes")))
                        .priority(Integer.parseInt(req(p, "priority")))
                        .segmentBytes(Long.parseLong(req(p, "segmentBytes")))
                        .segmentMs(Long.parseLong(req(p, "segmentMs")))
                        .maxRecordBytes(Integer.parseInt(req(p, "maxRecordBytes")))
                        .maxProtectedBytes(Long.parseLong(req(p, "maxProtectedBytes")));
                return b.build();
            } catch (IOException | RuntimeException e) {
                throw new LogException("topic settings file " + file + " is invalid: " + e.getMessage(), e);
            }
        }

        private static String req(Properties p, String key) {
            String v = p.getProperty(key);
            if (v == null) {
                throw new IllegalArgumentException("missing '" + key + "'");
            }
            return v.trim();
        }
    }
}
