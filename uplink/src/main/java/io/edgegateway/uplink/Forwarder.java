package io.edgegateway.uplink;

import io.edgegateway.log.CorruptBatchException;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.PartitionInfo;
import io.edgegateway.log.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding loop for one set of local partitions, on one thread: fill a batch from the local readers
 * (higher-priority topics first, round-robin within a priority), wait for the bandwidth cap, deliver it,
 * and only then move the local cursors. Failures go through {@link Errors}: topic errors pause one topic,
 * retriable ones re-send the same batch after a backoff, fatal ones replace the {@link Delivery} and take
 * the positions again (from the cluster in exactly-once mode: central positions win over local cursors).
 *
 * <p>Only events the local log has fsynced are read (its durable-only readers): a power cut may take back
 * events that were stored but not yet synced, and the log then hands their offsets to new events; had
 * the lost ones been forwarded, the cluster would hold two different events under one edge offset. Under
 * the {@code interval} and {@code os} policies events stored but not yet synced for {@code durable.wait.ms}
 * make the forwarder ask the log to fsync, so forwarding is delayed by at most about that much.
 *
 * <p>Waiting never spins: an empty batch waits on a reader for new events; a backoff sleeps, probing the
 * cluster every {@code probe.interval.ms} once it stopped answering, so forwarding resumes within about a
 * probe interval after the cluster returns instead of at the end of a long backoff. {@link #stop()} and
 * {@link #requestRebuild} may be called from other threads; everything else is the forwarder thread's.
 */
final class Forwarder implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private final LocalLog localLog;
    private final UplinkOptions options;
    private final Clock clock;
    private final UplinkListener listener;
    private final Connectivity connectivity;
    private final Backoff backoff;
    private final Throttle throttle;
    private final DailyBudget budget;
    private final RateMeter drain;
    private final CentralTopics central;
    private final RecordConverter converter;
    private final Supplier<Delivery> deliveries;
    private final TopicPauses pauses;
    final List<ForwardedTopic> topics;
    final List<Source> sources;
    private final List<List<Source>> priorityGroups = new ArrayList<>();
    private final Object sleeper = new Object();

    private volatile boolean running = true;
    private volatile boolean rebuildRequested;
    private volatile Delivery delivery;
    private OutboundBatch pending;
    private boolean clusterUnreachable;
    private boolean budgetLogged;
    private boolean budgetBlocked;
    private volatile boolean budgetWaiting;
    private int rotation;
    /** When events that are stored but not yet fsynced were first seen waiting, or -1. */
    private long undurableSinceNanos = -1;
    private boolean syncFailureLogged;
    private int opens;
    /**
     * The byte limit of the next batch: what the link delivered in about {@link #BATCH_SECONDS} at the
     * last measured rate, within 64 KiB and {@code batch.max.bytes}; halved after a failure. Large batches
     * make transactions cheap on a fast link, but a batch that takes longer to send than
     * {@code transaction.timeout.ms} would be aborted and re-sent for ever on a slow one.
     */
    private long adaptiveBatchBytes;
    private static final long MIN_BATCH_BYTES = 64 * 1024;
    private static final double BATCH_SECONDS = 5.0;

    final AtomicLong forwardedEvents = new AtomicLong();
    final AtomicLong forwardedBytes = new AtomicLong();
    final AtomicLong committed = new AtomicLong();
    final AtomicLong aborted = new AtomicLong();
    final AtomicLong rebuilds = new AtomicLong();
    final AtomicLong fencings = new AtomicLong();
    volatile long lastCommitAtMs = -1;

    Forwarder(LocalLog localLog, UplinkOptions options, Clock clock, UplinkListener listener,
            Connectivity connectivity, Backoff backoff, Throttle throttle, DailyBudget budget, RateMeter drain,
            CentralTopics central, RecordConverter converter, List<ForwardedTopic> topics,
            Supplier<Delivery> deliveries) {
        this.localLog = localLog;
        this.options = options;
        this.clock = clock;
        this.listener = listener;
        this.connectivity = connectivity;
        this.backoff = backoff;
        this.throttle = throttle;
        this.budget = budget;
        this.drain = drain;
        this.central = central;
        this.converter = converter;
        this.deliveries = deliveries;
        this.topics = topics;
        this.pauses = new TopicPauses(options, clock, listener, central, topics);
        this.sources = new ArrayList<>();
        Map<Integer, List<Source>> byPriority = new TreeMap<>((a, b) -> Integer.compare(b, a));
        for (ForwardedTopic t : topics) {
            sources.addAll(t.sources);
            byPriority.computeIfAbsent(t.priority, k -> new ArrayList<>()).addAll(t.sources);
        }
        priorityGroups.addAll(byPriority.values());
        adaptiveBatchBytes = Math.min(options.batchMaxBytes(), 1 << 20);
    }

    Set<EdgePartition> partitionSet() {
        Set<EdgePartition> s = new LinkedHashSet<>();
        sources.forEach(x -> s.add(x.id));
        return s;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    step();
                } catch (InterruptedException e) {
                    if (!running) {
                        break;
                    }
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    // Local log trouble (a read error, a cursor that cannot be written): not the cluster's
                    // fault, so the connectivity state stays; wait and try again from the delivered positions.
                    log.error("uplink: unexpected error, retrying: {}", e.toString(), e);
                    pending = null;
                    dropDelivery("unexpected error");
                    sleepBackoff(backoff.nextDelayMs());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Delivery d = delivery;
            delivery = null;
            if (d != null) {
                d.close();
            }
            for (Source s : sources) {
                if (s.reader != null) {
                    s.reader.close();
                }
            }
        }
    }

    void stop() {
        running = false;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    /** Fails whatever the producer is blocked in and makes the loop build a new one (stall watchdog). */
    void requestRebuild() {
        rebuildRequested = true;
        Delivery d = delivery;
        if (d != null) {
            d.closeNow();
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    /** Makes a paused topic try again at the next loop instead of after {@code paused.retry.ms}. */
    void retryNow(ForwardedTopic t) {
        t.retryAtMs = 0;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    private void step() throws InterruptedException {
        if (rebuildRequested) {
            rebuildRequested = false;
            pending = null;
            dropDelivery("rebuild requested by the stall watchdog");
        }
        if (delivery == null) {
            open();
            return;
        }
        pauses.resumeDue();
        if (pending == null) {
            if (budget.enabled() && budget.remaining() <= 0) {
                waitForBudget();
                return;
            }
            budgetBlocked = false;
            OutboundBatch b = fill();
            if (b.isEmpty()) {
                if (budgetBlocked) {
                    waitForBudget();
                } else {
                    idleWait();
                }
                return;
            }
            pending = b;
        }
        send(pending);
    }

    // ---------------------------------------------------------------- opening

    private void open() throws InterruptedException {
        Delivery d = deliveries.get();
        try {
            pauses.checkTopics(topics);
            Map<EdgePartition, Long> centralPositions = d.open(partitionSet());
            position(centralPositions);
            delivery = d;
            if (opens++ > 0) {
                rebuilds.incrementAndGet();
            }
            pending = null;
            backoff.reset();
            clusterUnreachable = false;
            connectivity.success();
        } catch (InterruptedException e) {
            d.close();
            throw e;
        } catch (Exception e) {
            d.close();
            if (!running) {
                return;
            }
            connectivity.failure("connecting: " + Errors.describe(e));
            sleepBackoff(backoff.nextDelayMs());
        }
    }

    /** Sets every reader to where delivery continues: the cluster's position if it has one, else the cursor. */
    private void position(Map<EdgePartition, Long> centralPositions) {
        Map<ForwardedTopic, Map<Integer, Long>> cursorMoves = new HashMap<>();
        for (Source s : sources) {
            long local = s.cursor.position(s.id.partition());
            long next = local;
            Long c = centralPositions.get(s.id);
            if (c != null && c != local) {
                PartitionInfo info = localLog.partitionInfo(s.id.topic(), s.id.partition());
                if (c > info.endOffset()) {
                    // The cluster has seen offsets this log never wrote: the log was wiped or replaced.
                    // Following the cluster would skip every new event; follow the log and say so.
                    log.error("{}: the central position {} is beyond the local end {}; was the local log replaced?"
                            + " continuing at the local end", s.id, c, info.endOffset());
                    next = info.endOffset();
                } else {
                    log.info("{}: the central position {} wins over the local cursor {}", s.id, c, local);
                    next = c;
                }
                cursorMoves.computeIfAbsent(s.topic, k -> new HashMap<>()).put(s.id.partition(), next);
            }
            s.delivered = next;
            if (s.reader == null) {
                s.reader = localLog.reader(s.id.topic(), s.id.partition(), next, true);
            } else {
                s.reader.seek(next);
            }
        }
        cursorMoves.forEach((t, m) -> t.sources.get(0).cursor.commit(m));
    }

    // ---------------------------------------------------------------- batches

    private OutboundBatch fill() {
        OutboundBatch b = new OutboundBatch();
        long maxBytes = Math.min(Math.min(throttle.batchBytes(options.batchMaxBytes()), adaptiveBatchBytes),
                budget.remaining());
        rotation++;
        awaitDurability();
        for (List<Source> group : priorityGroups) {
            int n = group.size();
            for (int i = 0; i < n; i++) {
                Source s = group.get(Math.floorMod(rotation + i, n));
                if (s.topic.paused()) {
                    continue;
                }
                if (!s.topic.oneAtATimeUntil.isEmpty()) {
                    if (!b.chunks().keySet().stream().anyMatch(p -> p.topic().equals(s.topic.name))) {
                        fillOne(s, b);
                    }
                    continue;
                }
                if (!fillFrom(s, b, maxBytes)) {
                    return b;
                }
            }
        }
        return b;
    }

    /**
     * Called when a reader found nothing more: it stands at the durable end, so anything the log holds
     * beyond it is stored but not yet fsynced. Noted only at such moments, as a reader that still returns
     * events is not at the durable end; a batch filled by other partitions does not delay the fsync.
     */
    private void noteUndurable(Source s) {
        if (options.durableWaitMs() > 0 && undurableSinceNanos < 0
                && localLog.partitionInfo(s.id.topic(), s.id.partition()).endOffset() > s.reader.position()) {
            undurableSinceNanos = System.nanoTime();
        }
    }

    /**
     * Asks the local log to fsync once events have waited {@code durable.wait.ms} for it. Without this, a
     * topic under the {@code os} policy would be forwarded only when a segment fills up.
     */
    private void awaitDurability() {
        if (undurableSinceNanos < 0
                || System.nanoTime() - undurableSinceNanos < TimeUnit.MILLISECONDS.toNanos(options.durableWaitMs())) {
            return;
        }
        undurableSinceNanos = -1;
        try {
            localLog.flush();
            syncFailureLogged = false;
        } catch (RuntimeException e) {
            // The log's own policy still syncs eventually; forwarding waits for that instead.
            if (!syncFailureLogged) {
                log.warn("uplink: asking the local log to fsync failed ({}); events are forwarded once the log"
                        + " syncs them by its own policy", e.toString());
                syncFailureLogged = true;
            }
        }
    }

    private void fillOne(Source s, OutboundBatch b) {
        List<StoredRecord> rs = poll(s, 1, Duration.ZERO, true);
        if (!rs.isEmpty()) {
            b.add(s.id, rs.get(0), OutboundBatch.sizeOf(rs.get(0)) + converter.headerOverhead(s.id));
        }
    }

    /** Adds events of one partition; false once the batch is full. */
    private boolean fillFrom(Source s, OutboundBatch b, long maxBytes) {
        int overhead = converter.headerOverhead(s.id);
        while (true) {
            int room = options.batchMaxRecords() - b.count();
            if (room <= 0 || b.bytes() >= maxBytes) {
                return false;
            }
            List<StoredRecord> rs = poll(s, Math.min(room, 2000), Duration.ZERO, !b.chunks().containsKey(s.id));
            if (rs.isEmpty()) {
                noteUndurable(s);
                return true;
            }
            for (StoredRecord r : rs) {
                long size = OutboundBatch.sizeOf(r) + overhead;
                // Always take at least one event, however large, or a big event would block the topic for good
                // (unless the day's budget cannot pay for it).
                boolean fits = b.bytes() + size <= maxBytes && b.count() < options.batchMaxRecords();
                if (!fits && (!b.isEmpty() || size > budget.remaining())) {
                    s.reader.seek(r.offset());
                    budgetBlocked = b.isEmpty();
                    return false;
                }
                b.add(s.id, r, size);
            }
        }
    }

    private List<StoredRecord> poll(Source s, int max, Duration wait, boolean checkGap) {
        try {
            List<StoredRecord> rs = s.reader.poll(max, wait);
            if (checkGap && !rs.isEmpty() && rs.get(0).offset() > s.delivered) {
                log.warn("{}: offsets {}..{} were deleted locally (retention or disk budget) before they were"
                        + " forwarded", s.id, s.delivered, rs.get(0).offset() - 1);
            }
            return rs;
        } catch (CorruptBatchException e) {
            long skipped = s.reader.skipCorrupt();
            log.error("{}: damaged local data, {} events skipped and never forwarded: {}", s.id, skipped, e.getMessage());
            return List.of();
        }
    }

    private void idleWait() throws InterruptedException {
        List<Source> active = new ArrayList<>();
        for (List<Source> g : priorityGroups) {
            for (Source s : g) {
                if (!s.topic.paused()) {
                    active.add(s);
                }
            }
        }
        if (active.isEmpty()) {
            sleep(options.pollWaitMs());
            return;
        }
        // Wait on one partition at a time, each for a share of poll.wait.ms: new events anywhere are
        // picked up within about poll.wait.ms without a thread per partition.
        Source s = active.get(Math.floorMod(rotation++, active.size()));
        long share = Math.max(1, options.pollWaitMs() / active.size());
        List<StoredRecord> rs = poll(s, 1, Duration.ofMillis(share), false);
        if (!rs.isEmpty()) {
            s.reader.seek(rs.get(0).offset());
        }
    }

    private void send(OutboundBatch batch) throws InterruptedException {
        long waitNanos = throttle.reserve(batch.bytes());
        if (waitNanos > 0) {
            sleep(TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1);
            if (!running) {
                return;
            }
        }
        budget.consume(batch.bytes());
        Delivery d = delivery;
        if (d == null) {
            return;
        }
        long began = System.nanoTime();
        try {
            d.deliver(batch);
            double seconds = Math.max(1e-3, (System.nanoTime() - began) / 1e9);
            adaptiveBatchBytes = Math.max(MIN_BATCH_BYTES, Math.min(options.batchMaxBytes(),
                    (long) (batch.bytes() / seconds * BATCH_SECONDS)));
            delivered(batch.nextOffsets(), batch.count(), batch.bytes());
            pending = null;
            backoff.reset();
            connectivity.success();
        } catch (DeliveryFailure f) {
            if (!running) {
                return;
            }
            adaptiveBatchBytes = Math.max(MIN_BATCH_BYTES, adaptiveBatchBytes / 2);
            if (options.mode() == DeliveryMode.EXACTLY_ONCE) {
                aborted.incrementAndGet();
            }
            if (!f.delivered.isEmpty()) {
                long n = 0;
                for (Map.Entry<EdgePartition, Long> e : f.delivered.entrySet()) {
                    long before = batch.count();
                    batch.trim(e.getKey(), e.getValue());
                    n += before - batch.count();
                }
                delivered(f.delivered, n, 0);
            }
            boolean anyPaused = false;
            for (Map.Entry<String, Throwable> e : f.topicErrors.entrySet()) {
                anyPaused |= pauses.onTopicError(e.getKey(), e.getValue(), batch);
            }
            // The batch failed because of a topic that is now paused: send the rest at once, no backoff.
            boolean onlyTopicErrors = anyPaused && f.kind != Errors.Kind.FATAL
                    && Errors.classify(f.getCause()) == Errors.Kind.TOPIC;
            if (f.fenced) {
                pending = null;
                dropDelivery(f.getMessage());
                fencings.incrementAndGet();
                // Taking over again at once would fence the other process, which would do the same: a
                // livelock in which nobody commits. The newer one keeps the id; this one waits.
                log.error("uplink: another process with gateway id {} and the same topics took over (fenced: {});"
                        + " waiting {} ms before trying again. Two gateways must not share an id.",
                        options.gatewayId(), f.getMessage(), options.fencedRetryMs());
                connectivity.failure("fenced by another instance with the same transactional.id");
                sleep(options.fencedRetryMs());
                return;
            }
            if (f.kind == Errors.Kind.FATAL || rebuildRequested) {
                pending = null;
                dropDelivery(f.getMessage());
            } else if (batch.isEmpty()) {
                pending = null;
            }
            if (onlyTopicErrors) {
                return;
            }
            if (Errors.metadataTimeout(f.getCause())) {
                try {
                    pauses.checkTopics(topics);
                } catch (Exception e) {
                    log.debug("topic check failed: {}", e.toString());
                }
            }
            connectivity.failure(f.getMessage());
            sleepBackoff(backoff.nextDelayMs());
        }
    }

    private void delivered(Map<EdgePartition, Long> next, long events, long bytes) {
        // Counters first: a status caller that sees the backlog gone must also see what was forwarded.
        forwardedEvents.addAndGet(events);
        forwardedBytes.addAndGet(bytes);
        committed.incrementAndGet();
        lastCommitAtMs = clock.millis();
        drain.record(events);
        Map<ForwardedTopic, Map<Integer, Long>> byTopic = new LinkedHashMap<>();
        for (Source s : sources) {
            Long n = next.get(s.id);
            if (n != null) {
                long count = n - s.delivered;
                s.delivered = n;
                Long until = s.topic.oneAtATimeUntil.get(s.id);
                if (until != null && n > until) {
                    s.topic.oneAtATimeUntil.remove(s.id);
                }
                s.topic.forwarded += Math.max(0, count);
                byTopic.computeIfAbsent(s.topic, k -> new TreeMap<>()).put(s.id.partition(), n);
            }
        }
        // The cluster already holds these positions (exactly-once) or the events (at-least-once): the local
        // cursor follows. If it cannot be written, exactly-once recovers from the cluster on restart.
        byTopic.forEach((t, m) -> t.sources.get(0).cursor.commit(m));
        listener.onCommit((int) events, bytes);
    }

    private void dropDelivery(String reason) {
        Delivery d = delivery;
        delivery = null;
        if (d != null) {
            log.info("uplink: closing the producer ({}); a new one takes the positions again", reason);
            d.close();
        }
    }

    // ---------------------------------------------------------------- waiting

    private void waitForBudget() throws InterruptedException {
        long ms = budget.millisUntilRefill();
        if (!budgetLogged) {
            log.warn("uplink: daily budget of {} bytes spent; events wait in the local log, forwarding resumes in {} s"
                    + " (00:00 UTC)", options.dailyBudgetBytes(), ms / 1000);
            budgetLogged = true;
        }
        budgetWaiting = true;
        // Wake every second: cheap, and the clock (or a changed budget) is noticed promptly.
        sleep(Math.min(ms, 1_000));
        budgetWaiting = false;
        if (budget.remaining() > 0 && !budgetBlocked) {
            budgetLogged = false;
        }
    }

    /**
     * Sleeps for a backoff delay. Once the cluster stops answering the probe, it is probed every
     * {@code probe.interval.ms} and the first answer ends the wait: reconnecting does not wait out a long
     * backoff. A cluster that answers but refuses (fenced, not authorized) gets the full backoff.
     */
    private void sleepBackoff(long delayMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        while (running && !rebuildRequested) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            sleep(Math.min(left, options.probeIntervalMs()));
            if (!running || System.nanoTime() >= deadline || connectivity.state() == ConnectivityState.ONLINE) {
                continue;
            }
            // A probe may take longer than the interval on a slow link; two seconds is a fair minimum.
            boolean answers = central.answers(Math.max(2_000, Math.min(options.probeIntervalMs(), 10_000)));
            if (!answers) {
                clusterUnreachable = true;
            } else if (clusterUnreachable) {
                clusterUnreachable = false;
                log.info("uplink: the cluster answers again; retrying now");
                return;
            }
        }
    }

    private void sleep(long ms) throws InterruptedException {
        if (ms <= 0) {
            return;
        }
        synchronized (sleeper) {
            if (running) {
                sleeper.wait(ms);
            }
        }
    }

    ConnectivityState state() {
        return connectivity.state();
    }

    boolean hasDelivery() {
        return delivery != null;
    }

    /** True while forwarding waits for the daily budget to refill: no commits are expected then. */
    boolean waitingForBudget() {
        return budgetWaiting;
    }

    DailyBudget budget() {
        return budget;
    }

    RateMeter drain() {
        return drain;
    }
}
