package io.edgegateway.gateway.ops;

import io.edgegateway.uplink.ConnectivityState;
import io.edgegateway.uplink.TopicStatus;
import io.edgegateway.uplink.UplinkListener;
import io.edgegateway.uplink.UplinkStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The uplink's Prometheus metrics. Totals (events and bytes forwarded, transactions committed, stalls, state
 * changes) are counted here from {@link UplinkListener} callbacks, so they keep growing when a config edit
 * replaces the uplink. Gauges (state, backlog per topic, drain rate, paused topics) read the status snapshot
 * {@link #refresh} takes before each scrape, because a status reads the log's partitions and should be taken
 * once per scrape, not once per gauge. Without a running uplink, {@code edge.uplink.configured} is 0 and the
 * gauges read 0 (the oldest-age gauge -1), so dashboards keep their series.
 */
public final class UplinkMetrics implements UplinkListener {
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    private final Map<ConnectivityState, AtomicLong> entered = new ConcurrentHashMap<>();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private volatile Optional<UplinkStatus> last = Optional.empty();
    private MeterRegistry registry;
    private Supplier<Optional<UplinkStatus>> status = Optional::empty;

    @Override
    public void onStateChange(ConnectivityState from, ConnectivityState to, String reason) {
        entered.computeIfAbsent(to, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void onStall(long sinceMs) {
        stalls.incrementAndGet();
    }

    @Override
    public void onCommit(int records, long committedBytes) {
        events.addAndGet(records);
        bytes.addAndGet(committedBytes);
        commits.incrementAndGet();
    }

    /** Registers the meters; {@code source} is the running uplink's status, empty when there is none. */
    public void bindTo(MeterRegistry registry, Supplier<Optional<UplinkStatus>> source) {
        this.registry = registry;
        this.status = source;
        Gauge.builder("edge.uplink.configured", this, m -> m.last.isPresent() ? 1 : 0)
                .description("1 while an uplink runs, 0 without one").register(registry);
        for (ConnectivityState s : ConnectivityState.values()) {
            String name = s.name().toLowerCase(Locale.ROOT);
            Gauge.builder("edge.uplink.state", this, m -> m.last.map(x -> x.state() == s ? 1 : 0).orElse(0))
                    .tag("state", name).description("1 for the uplink's current connectivity state")
                    .register(registry);
            FunctionCounter.builder("edge.uplink.state.changes", this,
                            m -> m.entered.getOrDefault(s, new AtomicLong()).get())
                    .tag("state", name).description("Times the uplink entered the state").register(registry);
        }
        overall("edge.uplink.drain.rate", "events/s forwarded over the last ten seconds",
                UplinkStatus::drainRatePerSecond);
        overall("edge.uplink.backlog", "Events waiting to be forwarded, all topics",
                UplinkStatus::backlogEvents);
        FunctionCounter.builder("edge.uplink.events.forwarded", events, AtomicLong::get)
                .description("Events committed on the central cluster").register(registry);
        FunctionCounter.builder("edge.uplink.forwarded", bytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes committed on the central cluster").register(registry);
        FunctionCounter.builder("edge.uplink.commits", commits, AtomicLong::get)
                .description("Batches committed (transactions, or acknowledged batches at least once)")
                .register(registry);
        FunctionCounter.builder("edge.uplink.stalls", stalls, AtomicLong::get)
                .description("Times the uplink was online with a backlog but committed nothing for too long")
                .register(registry);
        refresh();
    }

    /** Takes the status snapshot the gauges read and registers gauges for newly forwarded topics. */
    public void refresh() {
        try {
            last = status.get();
        } catch (RuntimeException e) {
            // Reading the backlog needs the log, which closes during shutdown; a scrape then shows no uplink.
            last = Optional.empty();
        }
        last.ifPresent(s -> s.topics().forEach(t -> topic(t.topic())));
    }

    private void overall(String name, String description, ToDoubleFunction<UplinkStatus> f) {
        Gauge.builder(name, this, m -> m.last.map(f::applyAsDouble).orElse(0.0)).description(description)
                .register(registry);
    }

    private void topic(String name) {
        if (!topics.add(name)) {
            return;
        }
        Gauge.builder("edge.uplink.backlog.events", this, m -> topicValue(name, TopicStatus::backlogEvents, 0))
                .tag("topic", name).description("Events of the topic waiting to be forwarded").register(registry);
        Gauge.builder("edge.uplink.backlog.bytes", this, m -> topicValue(name, TopicStatus::backlogBytes, 0))
                .tag("topic", name).baseUnit("bytes").description("Bytes of the topic waiting to be forwarded")
                .register(registry);
        TimeGauge.builder("edge.uplink.backlog.oldest.age", this, TimeUnit.MILLISECONDS,
                        m -> topicValue(name, t -> t.oldestAgeMs() < 0 ? -1000 : t.oldestAgeMs(), -1000))
                .tag("topic", name).description("Age of the oldest waiting event by event time; -1 when none waits")
                .register(registry);
        Gauge.builder("edge.uplink.topic.paused", this,
                        m -> topicValue(name, t -> t.state() == TopicStatus.State.FORWARDING ? 0 : 1, 0))
                .tag("topic", name).description("1 while the topic is paused by an error of its own")
                .register(registry);
    }

    private double topicValue(String name, ToDoubleFunction<TopicStatus> f, double none) {
        return last.flatMap(s -> s.topics().stream().filter(t -> t.topic().equals(name)).findFirst())
                .map(f::applyAsDouble).orElse(none);
    }
}
