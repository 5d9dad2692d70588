package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.gateway.config.DeviceConfig;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.TopicConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires drivers to the log and the log to the uplink: the {@link DriverSupervisor} runs the configured
 * devices, whose events go through the {@link EventProcessor} and the {@link LogSink} into their topics,
 * and the {@link UplinkControl} forwards the topics to the central cluster. {@link #apply} takes the first
 * config and every later one the same way: it computes the {@link ConfigDiff}, checks it can be applied
 * (before changing anything), creates or updates topics, then restarts only the devices that changed and,
 * if its section changed, the uplink; everything else keeps running throughout. The log, buses, clock and
 * scheduler belong to the caller. Thread-safe: reconfigurations are serialized.
 */
public final class GatewayRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);

    private final LocalLog log;
    private final DriverSupervisor supervisor;
    private final LogSink sink;
    private final FlowCounters counters = new FlowCounters();
    private final Consumer<DeviceConfig> beforeStart;
    private final Optional<UplinkControl> uplink;
    private volatile Consumer<DeviceEvent> tap = e -> { };
    private GatewayConfig current;

    /**
     * @param beforeStart called for each device just before it is (re)started; simulation attaches the
     *                    device's simulated chip here
     * @param maxInFlight appends that may wait for the log before events are dropped as backlog-full
     */
    public GatewayRuntime(LocalLog log, Buses buses, Clock clock, Scheduler scheduler, BackoffPolicy backoff,
                          Consumer<DeviceConfig> beforeStart, int maxInFlight) {
        this(log, buses, clock, scheduler, backoff, beforeStart, maxInFlight, LogSink.Stamp.NONE);
    }

    /** @param stamp extra headers per event (the clock-correction headers of unsynchronized events) */
    public GatewayRuntime(LocalLog log, Buses buses, Clock clock, Scheduler scheduler, BackoffPolicy backoff,
                          Consumer<DeviceConfig> beforeStart, int maxInFlight, LogSink.Stamp stamp) {
        this(log, buses, clock, scheduler, backoff, beforeStart, maxInFlight, stamp, EventProcessor.IDENTITY, null);
    }

    /**
     * @param processor applied to every device event before it is stored
     * @param uplink    forwards the log to the central cluster as the config says; null for none at all (the
     *                  config's uplink section is then ignored), as in tests of the device side alone
     */
    public GatewayRuntime(LocalLog log, Buses buses, Clock clock, Scheduler scheduler, BackoffPolicy backoff,
                          Consumer<DeviceConfig> beforeStart, int maxInFlight, LogSink.Stamp stamp,
                          EventProcessor processor, UplinkControl uplink) {
        this.log = log;
        this.sink = new LogSink(log::appendAsync, stamp, "", counters, maxInFlight);
        ProcessingSink processed = new ProcessingSink(processor, sink, counters);
        this.supervisor = new DriverSupervisor(buses, e -> {
            // The inventory shows what the device sent, even when the processor keeps it out of the log.
            tap.accept(e);
            processed.accept(e);
        }, clock, scheduler, backoff);
        this.beforeStart = beforeStart;
        this.uplink = Optional.ofNullable(uplink);
    }

    /**
     * Also hands every device event to {@code observer} (inventory, GPS time) on the driver's thread, before
     * it is appended; the observer must return at once. Set it before the first {@link #apply}.
     */
    public void tap(Consumer<DeviceEvent> observer) {
        this.tap = observer;
    }

    /** Applies a validated config: the first call starts everything, later calls change only what differs. */
    public synchronized ConfigDiff apply(GatewayConfig next) throws ReconfigurationException {
        ConfigDiff diff = ConfigDiff.between(Optional.ofNullable(current), next);
        for (TopicConfig t : next.topics()) {
            TopicConfig stored = log.topics().get(t.name());
            if (stored != null && stored.partitions() != t.partitions()) {
                throw new ReconfigurationException("topic '" + t.name() + "' has " + stored.partitions()
                        + " partitions in the log; changing it to " + t.partitions() + " would move devices' events"
                        + " to other partitions and break their order. Keep " + stored.partitions()
                        + " or use a new topic name");
            }
        }
        diff.topicsToCreate().forEach(log::createTopic);
        diff.topicsToUpdate().forEach(log::updateTopic);
        diff.devicesToStop().forEach(supervisor::remove);
        Map<String, String> routes = new LinkedHashMap<>();
        next.devices().forEach(d -> routes.put(d.id(), d.topic()));
        sink.route(routes, next.gatewayId());
        for (DeviceConfig d : diff.devicesToStart()) {
            beforeStart.accept(d);
            supervisor.add(d.device());
        }
        if (diff.uplinkChanged()) {
            // After the topics exist: the uplink reads their partition counts when it starts.
            uplink.ifPresent(u -> u.apply(next));
        }
        if (!diff.needRestart().isEmpty()) {
            LOG.warn("changed settings {} take effect after the gateway restarts", diff.needRestart());
        }
        LOG.info("configuration applied: {}", diff);
        current = next;
        return diff;
    }

    public synchronized Optional<GatewayConfig> config() {
        return Optional.ofNullable(current);
    }

    public FlowCounters counters() {
        return counters;
    }

    public LogSink sink() {
        return sink;
    }

    public DriverSupervisor supervisor() {
        return supervisor;
    }

    /** The uplink's control, if this runtime forwards at all. */
    public Optional<UplinkControl> uplink() {
        return uplink;
    }

    /**
     * Stops every device, waits at most {@code timeout} for appends still on their way to the log, then closes
     * the uplink (which ends or aborts its open transaction within seconds); true if no append was left. The
     * caller closes the log afterwards, which flushes and fsyncs it.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        supervisor.close();
        boolean idle = sink.awaitIdle(timeout);
        uplink.ifPresent(UplinkControl::close);
        return idle;
    }
}
