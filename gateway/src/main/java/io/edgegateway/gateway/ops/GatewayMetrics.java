package io.edgegateway.gateway.ops;

import io.edgegateway.drivers.DriverMetrics;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.gateway.wiring.DropReason;
import io.edgegateway.gateway.wiring.FlowCounters;
import io.edgegateway.log.LocalLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's Prometheus metrics, read from the counters the components already keep (nothing is counted
 * twice): per device, events emitted by the driver, rejected by reason, driver restarts, events appended to
 * the log and dropped by reason; per topic, events appended and records deleted by retention; the log's disk
 * use against its budget; and the JVM (memory, GC, threads, CPU, uptime). Devices, topics and reasons appear
 * while the gateway runs, so {@link #refresh} registers meters for new ones; it runs before every scrape.
 * Meters are function counters over monotonic sources, so a device that restarts keeps its totals.
 */
public final class GatewayMetrics {
    private final MeterRegistry registry;
    private final FlowCounters flow;
    private final DriverSupervisor supervisor;
    private final LocalLog log;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public GatewayMetrics(MeterRegistry registry, FlowCounters flow, DriverSupervisor supervisor, LocalLog log) {
        this.registry = registry;
        this.flow = flow;
        this.supervisor = supervisor;
        this.log = log;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("edge.log.disk.used", log, l -> l.stats().diskBytes()).baseUnit("bytes")
                .description("Bytes the local log keeps on disk").register(registry);
        Gauge.builder("edge.log.disk.budget", log, l -> l.stats().diskBudgetBytes()).baseUnit("bytes")
                .description("The log's disk budget; -1 when none is set").register(registry);
        refresh();
    }

    /** Registers meters for devices, topics and drop reasons that appeared since the last call. */
    public void refresh() {
        supervisor.health().keySet().forEach(this::device);
        flow.appendedByDevice().keySet().forEach(this::appendedDevice);
        flow.appendedByTopic().keySet().forEach(this::topic);
        log.topics().keySet().forEach(this::topic);
        flow.drops().forEach((device, reasons) -> reasons.keySet().forEach(r -> drop(device, r)));
    }

    private boolean first(String key) {
        return registered.add(key);
    }

    private void device(String id) {
        if (!first("device/" + id)) {
            return;
        }
        FunctionCounter.builder("edge.device.events.emitted", supervisor,
                        s -> s.metrics(id).map(DriverMetrics::eventsEmitted).orElse(0L))
                .tag("device", id).description("Events the device's driver emitted").register(registry);
        FunctionCounter.builder("edge.device.restarts", supervisor,
                        s -> s.metrics(id).map(DriverMetrics::restarts).orElse(0L))
                .tag("device", id).description("Driver restarts after a failure").register(registry);
        appendedDevice(id);
        supervisor.metrics(id).ifPresent(m -> m.rejectsByReason().keySet().forEach(r -> reject(id, r)));
    }

    private void reject(String id, String reason) {
        if (first("reject/" + id + "/" + reason)) {
            FunctionCounter.builder("edge.device.rejects", supervisor,
                            s -> s.metrics(id).map(m -> m.rejectsByReason().getOrDefault(reason, 0L)).orElse(0L))
                    .tags("device", id, "reason", reason).description("Malformed inputs the driver refused")
                    .register(registry);
        }
    }

    private void appendedDevice(String id) {
        if (first("appended/" + id)) {
            FunctionCounter.builder("edge.device.events.appended", flow, f -> f.appendedByDevice(id))
                    .tag("device", id).description("Events of the device stored in the log").register(registry);
        }
    }

    private void topic(String topic) {
        if (first("topic/" + topic)) {
            FunctionCounter.builder("edge.topic.events.appended", flow, f -> f.appendedByTopic(topic))
                    .tag("topic", topic).description("Events stored in the topic").register(registry);
            FunctionCounter.builder("edge.topic.records.deleted", log,
                            l -> l.stats().droppedRecords().getOrDefault(topic, 0L))
                    .tag("topic", topic).description("Records deleted by retention or the disk budget")
                    .register(registry);
        }
    }

    private void drop(String device, DropReason reason) {
        if (first("drop/" + device + "/" + reason)) {
            FunctionCounter.builder("edge.device.events.dropped", flow, f -> f.droppedByDevice(device, reason))
                    .tags("device", device, "reason", reason.label())
                    .description("Events of the device that did not reach the log").register(registry);
        }
    }

    /** Stops the GC listener; the registry belongs to the caller. */
    public void close() {
        gc.close();
    }
}
