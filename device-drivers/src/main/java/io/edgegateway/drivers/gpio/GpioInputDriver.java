package io.edgegateway.drivers.gpio;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.GpioInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports level changes of one input. Debouncing: every raw edge (re)arms a timer of the debounce time;
 * when it fires, the level as of the last edge is compared with the stable level and, if different, becomes
 * the new stable level, dated at that last edge. Edges that arrive while the timer is armed are contact
 * bounce and counted as {@code bounce} rejects. Each change event carries how long the previous level lasted,
 * so "door open for 42 s" needs no state downstream. An initial event reports the level found at start.
 */
final class GpioInputDriver implements Driver {
    static final String BOUNCE = "bounce";

    private final GpioInputOptions options;
    private final Buses buses;
    private DriverContext context;
    private GpioInput input;
    private boolean running;
    private boolean stableHigh;
    private long stableSinceNanos;
    private boolean lastRawHigh;
    private long lastEdgeNanos;
    private Scheduler.Cancellable settleTimer;

    GpioInputDriver(GpioInputOptions options, Buses buses) {
        this.options = options;
        this.buses = buses;
    }

    @Override
    public synchronized void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        try {
            input = buses.gpioInput(options.pin(), options.pull());
            stableHigh = input.isHigh();
        } catch (BusException e) {
            throw new DeviceException(DeviceException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
        lastRawHigh = stableHigh;
        stableSinceNanos = ctx.clock().monotonicNanos();
        running = true;
        Map<String, Object> value = describe(stableHigh);
        value.put("initial", true);
        ctx.emit(ctx.clock().wallMillis(), value);
        input.setListener(this::onEdge);
    }

    private synchronized void onEdge(boolean high, long nanos) {
        if (!running) {
            return;
        }
        lastRawHigh = high;
        lastEdgeNanos = nanos;
        if (options.debounceMillis() == 0) {
            commit(high, nanos);
            return;
        }
        if (settleTimer != null) {
            settleTimer.cancel();
            context.reject(BOUNCE, "GPIO" + options.pin() + " changed again within " + options.debounceMillis()
                    + " ms");
        }
        settleTimer = context.scheduler().schedule(this::settle, options.debounceMillis());
    }

    private synchronized void settle() {
        settleTimer = null;
        if (running) {
            commit(lastRawHigh, lastEdgeNanos);
        }
    }

    private void commit(boolean high, long atNanos) {
        if (high == stableHigh) {
            return;
        }
        long previousMillis = Math.max(0, (atNanos - stableSinceNanos) / 1_000_000);
        stableHigh = high;
        stableSinceNanos = atNanos;
        boolean selected = switch (options.edges()) {
            case RISING -> high;
            case FALLING -> !high;
            case BOTH -> true;
        };
        if (!selected) {
            return;
        }
        long ageMillis = Math.max(0, (context.clock().monotonicNanos() - atNanos) / 1_000_000);
        Map<String, Object> value = describe(high);
        value.put("previous_duration_ms", previousMillis);
        context.emit(context.clock().wallMillis() - ageMillis, value);
    }

    private Map<String, Object> describe(boolean high) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("level", high ? "high" : "low");
        value.put("active", high != options.activeLow());
        return value;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (settleTimer != null) {
            settleTimer.cancel();
        }
        if (input != null) {
            input.close();
        }
    }
}
