package io.edgegateway.drivers.bus;

/**
 * Told about every level change of a {@link GpioInput}, on the bus's callback thread. The monotonic time is
 * taken by the adapter as close to the edge as it can (from the injected clock), so drivers measure pulse
 * widths and gaps from it rather than from when they get round to processing. Must return quickly.
 */
@FunctionalInterface
public interface EdgeListener {
    void onEdge(boolean high, long monotonicNanos);
}
