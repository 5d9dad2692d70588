package io.edgegateway.drivers.sim;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pi4J digital input provider handing out Pi4J's own {@link MockDigitalInput}s, connected to the
 * {@link SimPin} of their address so simulators can drive pins a driver opens later or reopens after a
 * restart. Registered under Pi4J's mock provider id, so {@code Pi4jProviders.mock} finds it.
 */
final class SimDigitalInputProvider extends DigitalInputProviderBase {
    private final Map<Integer, SimPin> pins = new ConcurrentHashMap<>();

    SimDigitalInputProvider() {
        super("mock-digital-input", "Simulated digital inputs");
    }

    /** The pin at {@code bcm}, created idle at {@code idleHigh} on first use. */
    SimPin pin(int bcm, boolean idleHigh) {
        return pins.computeIfAbsent(bcm, b -> new SimPin(b, idleHigh));
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        SimPin pin = pin(config.address(), false);
        MockDigitalInput in = new MockDigitalInput(this, config) {
            @Override
            public DigitalInput shutdown(Context context) {
                pin.closed(this);
                return super.shutdown(context);
            }
        };
        context.registry().add(in);
        pin.opened(in);
        return in;
    }
}
