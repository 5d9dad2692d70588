package io.edgegateway.drivers.bus.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.GpioOutput;

/** {@link GpioOutput} over a Pi4J {@link DigitalOutput}; Pi4J's unchecked errors become {@link BusException}. */
final class Pi4jGpioOutput implements GpioOutput {
    private final DigitalOutput output;
    private final int pin;
    private final Runnable release;

    Pi4jGpioOutput(DigitalOutput output, int pin, Runnable release) {
        this.output = output;
        this.pin = pin;
        this.release = release;
    }

    @Override
    public int pin() {
        return pin;
    }

    @Override
    public void set(boolean high) throws BusException {
        try {
            output.state(high ? DigitalState.HIGH : DigitalState.LOW);
        } catch (RuntimeException e) {
            throw new BusException("cannot set GPIO" + pin + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isHigh() throws BusException {
        try {
            return output.state().isHigh();
        } catch (RuntimeException e) {
            throw new BusException("cannot read GPIO" + pin + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        release.run();
    }
}
