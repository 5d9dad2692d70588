package io.edgegateway.drivers.sim;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

/**
 * The outside world's end of one simulated GPIO input: a simulator sets the level, and whichever Pi4J
 * {@link MockDigitalInput} a driver currently has open on the pin sees the change (listeners fire on the
 * caller's thread). The level is kept while no driver has the pin open and applied when one opens it.
 * {@link #stick} simulates a stuck line (a shorted switch, a reader holding D0 low): later changes are ignored
 * until {@link #unstick}.
 */
public final class SimPin {
    private final int bcm;
    private volatile boolean high;
    private volatile boolean stuck;
    private volatile MockDigitalInput input;

    SimPin(int bcm, boolean idleHigh) {
        this.bcm = bcm;
        this.high = idleHigh;
    }

    public int bcm() {
        return bcm;
    }

    public synchronized void set(boolean level) {
        if (stuck) {
            return;
        }
        high = level;
        MockDigitalInput in = input;
        if (in != null) {
            in.mockState(level ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    public boolean isHigh() {
        return high;
    }

    public synchronized void stick(boolean level) {
        stuck = false;
        set(level);
        stuck = true;
    }

    public synchronized void unstick() {
        stuck = false;
    }

    /** Whether a driver currently has this pin open. */
    public boolean isOpen() {
        return input != null;
    }

    synchronized void opened(MockDigitalInput in) {
        input = in;
        in.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    synchronized void closed(MockDigitalInput in) {
        if (input == in) {
            input = null;
        }
    }
}
