package io.edgegateway.drivers.bus.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.EdgeListener;
import io.edgegateway.drivers.bus.GpioInput;

/**
 * {@link GpioInput} over a Pi4J {@link DigitalInput} created with Pi4J's debounce off, so every edge reaches
 * the driver. Edges are stamped with the injected clock's monotonic time on Pi4J's callback thread.
 */
final class Pi4jGpioInput implements GpioInput {
    private final DigitalInput input;
    private final int pin;
    private final Clock clock;
    private final Runnable release;
    private DigitalStateChangeListener registered;

    Pi4jGpioInput(DigitalInput input, int pin, Clock clock, Runnable release) {
        this.input = input;
        this.pin = pin;
        this.clock = clock;
        this.release = release;
    }

    @Override
    public int pin() {
        return pin;
    }

    @Override
    public boolean isHigh() throws BusException {
        try {
            return input.state().isHigh();
        } catch (RuntimeException e) {
            throw new BusException("cannot read GPIO" + pin + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void setListener(EdgeListener listener) {
        if (registered != null) {
            input.removeListener(registered);
            registered = null;
        }
        if (listener != null) {
            DigitalStateChangeListener l = e -> listener.onEdge(e.state().isHigh(), clock.monotonicNanos());
            input.addListener(l);
            registered = l;
        }
    }

    @Override
    public void close() {
        setListener(null);
        release.run();
    }
}
