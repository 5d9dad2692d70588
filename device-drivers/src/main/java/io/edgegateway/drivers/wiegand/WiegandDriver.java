package io.edgegateway.drivers.wiegand;

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
 * Reads a Wiegand reader on two GPIO inputs. Edge callbacks feed a {@link WiegandBitCollector}; every bit
 * re-arms an end-of-frame timer, and when the line has been quiet for the frame timeout the frame is decoded
 * and emitted or rejected. At start both lines must idle high: a line held low means the reader is unpowered
 * or disconnected (or the pin is shorted), which is reported as an unavailable device and retried.
 */
final class WiegandDriver implements Driver {
    static final String BOTH_LINES_LOW = "both-lines-low";
    static final String TOO_MANY_BITS = "too-many-bits";

    private final WiegandOptions options;
    private final Buses buses;
    private final WiegandBitCollector collector = new WiegandBitCollector();
    private DriverContext context;
    private GpioInput d0;
    private GpioInput d1;
    private Scheduler.Cancellable frameTimer;
    private long frameStartMs;
    private boolean running;

    WiegandDriver(WiegandOptions options, Buses buses) {
        this.options = options;
        this.buses = buses;
    }

    @Override
    public synchronized void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        try {
            d0 = buses.gpioInput(options.d0(), options.pull());
            d1 = buses.gpioInput(options.d1(), options.pull());
            if (!d0.isHigh() || !d1.isHigh()) {
                throw new DeviceException(DeviceException.Kind.UNAVAILABLE, String.format(
                        "idle lines must be high but D0 (GPIO%d) is %s and D1 (GPIO%d) is %s: reader unpowered, "
                                + "disconnected or a line shorted", options.d0(), level(d0.isHigh()), options.d1(),
                        level(d1.isHigh())));
            }
        } catch (BusException e) {
            throw new DeviceException(DeviceException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
        running = true;
        d0.setListener((high, nanos) -> onEdge(false, high));
        d1.setListener((high, nanos) -> onEdge(true, high));
    }

    private static String level(boolean high) {
        return high ? "high" : "low";
    }

    private synchronized void onEdge(boolean isD1, boolean high) {
        if (!running) {
            return;
        }
        boolean wasEmpty = collector.isEmpty();
        if (collector.onEdge(isD1, high)) {
            if (wasEmpty) {
                frameStartMs = context.clock().wallMillis();
            }
            if (frameTimer != null) {
                frameTimer.cancel();
            }
            frameTimer = context.scheduler().schedule(this::endOfFrame, options.frameTimeoutMillis());
        }
    }

    private synchronized void endOfFrame() {
        frameTimer = null;
        if (!running || collector.isEmpty()) {
            return;
        }
        try {
            if (collector.overlong()) {
                context.reject(TOO_MANY_BITS, "more than " + WiegandBitCollector.MAX_BITS + " bits before a gap");
                return;
            }
            if (collector.bothLow()) {
                context.reject(BOTH_LINES_LOW, "D0 and D1 low at once during a " + collector.count() + "-bit frame");
                return;
            }
            WiegandDecoder.Result r = WiegandDecoder.decode(collector.frame(), collector.count());
            if (!r.ok()) {
                context.reject(r.rejectReason(), r.detail());
                return;
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("format", r.card().format().bits() + "-bit");
            value.put("facility", r.card().facility());
            value.put("card", r.card().card());
            value.put("bits", collector.count());
            context.emit(frameStartMs, value);
        } finally {
            collector.reset();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (frameTimer != null) {
            frameTimer.cancel();
        }
        if (d0 != null) {
            d0.close();
        }
        if (d1 != null) {
            d1.close();
        }
    }
}
