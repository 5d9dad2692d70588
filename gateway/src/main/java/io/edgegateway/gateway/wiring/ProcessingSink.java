package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventSink;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link EventProcessor} in front of another sink (the {@link LogSink}) and counts what it
 * holds back: an empty result is a {@link DropReason#FILTERED} drop of that device, an exception or a null
 * result a {@link DropReason#PROCESSOR_ERROR} drop, logged at WARN the first time and then every power of
 * two. With the identity processor it adds nothing but a call. Thread-safe when the processor is.
 */
final class ProcessingSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessingSink.class);

    private final EventProcessor processor;
    private final EventSink next;
    private final FlowCounters counters;

    ProcessingSink(EventProcessor processor, EventSink next, FlowCounters counters) {
        this.processor = processor;
        this.next = next;
        this.counters = counters;
    }

    @Override
    public void accept(DeviceEvent event) {
        if (processor == EventProcessor.IDENTITY) {
            next.accept(event);
            return;
        }
        List<DeviceEvent> out;
        try {
            out = processor.process(event);
        } catch (RuntimeException e) {
            error(event, e.toString());
            return;
        }
        if (out == null) {
            error(event, "the processor returned null instead of a list");
            return;
        }
        if (out.isEmpty()) {
            counters.dropped(event.deviceId(), DropReason.FILTERED);
            return;
        }
        for (DeviceEvent e : out) {
            if (e == null) {
                error(event, "the processor returned a null event");
            } else {
                next.accept(e);
            }
        }
    }

    private void error(DeviceEvent event, String detail) {
        long n = counters.dropped(event.deviceId(), DropReason.PROCESSOR_ERROR);
        if (Long.bitCount(n) == 1) {
            LOG.warn("{}: event dropped by the event processor ({} so far): {}", event.deviceId(), n, detail);
        }
    }
}
