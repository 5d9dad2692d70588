package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.DeviceEvent;
import java.util.List;

/**
 * A hook between the drivers and the local log: it sees every device event before it is stored and returns
 * what to store instead, none (the event is filtered out), the event itself, a changed copy, or several events
 * (one reading split into many). Use it for site rules that must hold before anything is stored, such as
 * dropping readings outside a plausible range or removing a field the central side must not receive. Events
 * it returns keep going to the device's topic. Filtered events are counted per device as
 * {@link DropReason#FILTERED}, and a processor that throws drops the event as
 * {@link DropReason#PROCESSOR_ERROR}, so nothing disappears without a count. Called on driver threads, often
 * concurrently: it must be thread-safe and quick, since a slow one delays the device that emitted the event.
 */
@FunctionalInterface
public interface EventProcessor {
    /** Stores every event as the driver emitted it. */
    EventProcessor IDENTITY = List::of;

    List<DeviceEvent> process(DeviceEvent event);
}
