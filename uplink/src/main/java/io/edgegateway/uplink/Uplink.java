package io.edgegateway.uplink;

import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogReader;
import io.edgegateway.log.PartitionInfo;
import io.edgegateway.log.StoredRecord;
import io.edgegateway.log.TopicConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward from the local log to a central Kafka cluster: the uplink's public face. {@link #start}
 * begins forwarding the configured local topics on a thread of its own; {@link #status()} reports
 * connectivity, backlog and errors for the web page and metrics; {@link #close()} stops. In exactly-once
 * mode (the default) every stored event reaches the central topic once, in order per key, through
 * outages, broker restarts and gateway crashes: see {@link TransactionalDelivery}. The local log must stay
 * open until the uplink is closed. Thread-safe.
 *
 * <p>All selected topics form one partition set, forwarded by one {@link Forwarder} with one producer whose
 * {@code transactional.id} is {@code <prefix>.<gateway id>.<hash of the partition set>}: a second process
 * with the same gateway id and topics fences the first instead of duplicating its events.
 */
public final class Uplink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Uplink.class);

    private final LocalLog localLog;
    private final UplinkOptions options;
    private final Clock clock;
    private final String transactionalId;
    private final Admin admin;
    private final Connectivity connectivity;
    private final Forwarder forwarder;
    private final StallWatchdog watchdog;
    private final Thread thread;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private Uplink(LocalLog localLog, UplinkOptions options, UplinkListener listener, EventTimestamps timestamps,
                   Clock clock) {
        this.localLog = localLog;
        this.options = options;
        this.clock = clock;
        List<ForwardedTopic> topics = new ArrayList<>();
        TopicMapper mapper = new TopicMapper(options.centralTopic(), options.gatewayId());
        StringBuilder set = new StringBuilder();
        for (String name : options.topics()) {
            TopicConfig c = localLog.topicConfig(name);
            ForwardedTopic t = new ForwardedTopic(name, mapper.centralTopic(name), c.priority(), c.partitions());
            for (int p = 0; p < c.partitions(); p++) {
                t.sources.add(new Source(new EdgePartition(name, p), t, localLog.cursor(options.cursorName(), name)));
            }
            topics.add(t);
            set.append(name).append(':').append(c.partitions()).append(',');
        }
        this.transactionalId = transactionalId(options, set.toString());
        this.admin = Admin.create(ClientConfigs.admin(options));
        this.connectivity = new Connectivity(clock, options.offlineAfterMs(), listener);
        RecordConverter converter = new RecordConverter(mapper, options.gatewayId(), timestamps);
        CentralOffsets offsets = new CentralOffsets(options.offsetsTopic(), options.gatewayId());
        Delivery.Observer observer = connectivity::failure;
        Supplier<Delivery> deliveries = options.mode() == DeliveryMode.EXACTLY_ONCE
                ? () -> new TransactionalDelivery(options, transactionalId, admin, new RecordConverter(mapper,
                        options.gatewayId(), timestamps), offsets)
                : () -> new IdempotentDelivery(options,
                        new RecordConverter(mapper, options.gatewayId(), timestamps), observer);
        this.forwarder = new Forwarder(localLog, options, clock, listener, connectivity,
                new Backoff(options.backoffInitialMs(), options.backoffMaxMs(),
                        () -> ThreadLocalRandom.current().nextDouble()),
                new Throttle(options.bandwidthBytesPerSecond(), System::nanoTime),
                new DailyBudget(options.dailyBudgetBytes(), clock, budgetFile(localLog, options)),
                new RateMeter(clock::millis),
                new CentralTopics(admin, options.operationTimeoutMs()), converter, topics, deliveries);
        this.watchdog = new StallWatchdog(clock, options.stallTimeoutMs(), connectivity, this::unpausedBacklog,
                () -> forwarder.lastCommitAtMs, forwarder::requestRebuild, listener, forwarder::waitingForBudget);
        this.thread = new Thread(forwarder, "edge-uplink-" + options.gatewayId());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-uplink-watchdog-" + options.gatewayId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts forwarding; returns at once (connecting happens on the uplink's thread). */
    public static Uplink start(LocalLog localLog, UplinkOptions options) {
        return start(localLog, options, UplinkListener.NONE);
    }

    public static Uplink start(LocalLog localLog, UplinkOptions options, UplinkListener listener) {
        return start(localLog, options, listener, EventTimestamps.AS_STORED);
    }

    /** Starts forwarding, each event with the timestamp {@code timestamps} chooses for it. */
    public static Uplink start(LocalLog localLog, UplinkOptions options, UplinkListener listener,
                               EventTimestamps timestamps) {
        return start(localLog, options, listener, timestamps, Clock.systemUTC());
    }

    static Uplink start(LocalLog localLog, UplinkOptions options, UplinkListener listener, Clock clock) {
        return start(localLog, options, listener, EventTimestamps.AS_STORED, clock);
    }

    static Uplink start(LocalLog localLog, UplinkOptions options, UplinkListener listener,
                        EventTimestamps timestamps, Clock clock) {
        Uplink u = new Uplink(localLog, options, listener, timestamps, clock);
        log.info("uplink starting: {}, transactional.id={}", options, options.mode() == DeliveryMode.EXACTLY_ONCE
                ? u.transactionalId : "(none, at-least-once)");
        u.thread.start();
        long every = Math.max(50, Math.min(1000, options.stallTimeoutMs() / 4));
        u.scheduler.scheduleWithFixedDelay(u::watch, every, every, TimeUnit.MILLISECONDS);
        return u;
    }

    /**
     * Where the bytes used of today's budget survive a restart: with the local log's data, whose disk is
     * the one that survives, one file per cursor name as each uplink of a log has its own.
     */
    static java.nio.file.Path budgetFile(LocalLog localLog, UplinkOptions options) {
        return localLog.directory().resolve("uplink").resolve(options.cursorName() + ".budget");
    }

    static String transactionalId(UplinkOptions o, String partitionSet) {
        CRC32 crc = new CRC32();
        crc.update(partitionSet.getBytes(StandardCharsets.UTF_8));
        return o.transactionalIdPrefix() + "." + o.gatewayId() + "." + String.format("%08x", crc.getValue());
    }

    private void watch() {
        try {
            watchdog.check();
        } catch (RuntimeException e) {
            log.warn("uplink watchdog: {}", e.toString());
        }
    }

    private long unpausedBacklog() {
        long n = 0;
        for (Source s : forwarder.sources) {
            if (!s.topic.paused()) {
                n += Math.max(0, localLog.partitionInfo(s.id.topic(), s.id.partition()).endOffset() - s.delivered);
            }
        }
        return n;
    }

    /** The transactional id in use (exactly-once), also when at-least-once mode does not use it. */
    public String transactionalId() {
        return transactionalId;
    }

    /** Makes a paused topic try again now instead of after {@code paused.retry.ms}. */
    public void resume(String topic) {
        for (ForwardedTopic t : forwarder.topics) {
            if (t.name.equals(topic)) {
                forwarder.retryNow(t);
                return;
            }
        }
        throw new IllegalArgumentException("topic '" + topic + "' is not forwarded; forwarded: " + options.topics());
    }

    public UplinkStatus status() {
        long now = clock.millis();
        List<TopicStatus> ts = new ArrayList<>();
        for (ForwardedTopic t : forwarder.topics) {
            long events = 0;
            long bytes = 0;
            long oldest = -1;
            for (Source s : t.sources) {
                PartitionInfo info = localLog.partitionInfo(s.id.topic(), s.id.partition());
                long from = Math.max(s.delivered, info.startOffset());
                long n = Math.max(0, info.endOffset() - from);
                if (n == 0) {
                    continue;
                }
                events += n;
                bytes += info.recordCount() > 0 ? (long) (info.sizeBytes() * (n / (double) info.recordCount())) : 0;
                try (LogReader r = localLog.reader(s.id.topic(), s.id.partition(), from)) {
                    List<StoredRecord> first = r.poll(1, Duration.ZERO);
                    if (!first.isEmpty()) {
                        oldest = Math.max(oldest, now - first.get(0).timestamp());
                    }
                } catch (RuntimeException e) {
                    log.debug("backlog age of {}: {}", s.id, e.toString());
                }
            }
            ts.add(new TopicStatus(t.name, t.centralTopic, t.priority, t.state, t.error, events, bytes, oldest,
                    t.forwarded));
        }
        long last = forwarder.lastCommitAtMs;
        DailyBudget b = forwarder.budget();
        return new UplinkStatus(options.gatewayId(), options.mode(), transactionalId, connectivity.state(),
                connectivity.lastError(), connectivity.transitions(), connectivity.millisInState(), List.copyOf(ts),
                forwarder.drain().perSecond(), forwarder.forwardedEvents.get(), forwarder.forwardedBytes.get(),
                forwarder.committed.get(), forwarder.aborted.get(), forwarder.rebuilds.get(), forwarder.fencings.get(),
                watchdog.stalls(),
                last < 0 ? -1 : now - last, b.usedToday(), b.enabled() ? b.remaining() : -1,
                options.maskedKafkaProperties());
    }

    /**
     * Stops forwarding: the current batch is given a few seconds to finish; an unfinished transaction is
     * aborted by the cluster (and its events are sent again on the next start).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        forwarder.stop();
        try {
            thread.join(5_000);
            if (thread.isAlive()) {
                forwarder.requestRebuild();
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(2));
        log.info("uplink stopped: {} events forwarded", forwarder.forwardedEvents.get());
    }
}
