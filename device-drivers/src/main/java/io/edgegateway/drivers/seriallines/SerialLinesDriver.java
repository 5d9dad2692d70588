package io.edgegateway.drivers.seriallines;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.SerialPump;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.SerialParams;
import java.util.Map;

/**
 * Reads a line-printing device (an Arduino or ESP sketch, a meter with a text output) and emits one event
 * per line that maps to fields. Note that opening the port toggles DTR, which resets most Arduino boards: the
 * first line after a (re)start is often a boot banner, which simply counts as {@code no-match}.
 */
final class SerialLinesDriver implements Driver, SerialLinesDecoder.Listener {
    private final SerialLinesOptions options;
    private final Buses buses;
    private final SerialLinesDecoder decoder;
    private DriverContext context;
    private SerialPump pump;

    SerialLinesDriver(SerialLinesOptions options, Buses buses) {
        this.options = options;
        this.buses = buses;
        this.decoder = new SerialLinesDecoder(options.maxLineLength(), options.delimiter(),
                new LineMapper(options.pattern(), options.fields()));
    }

    @Override
    public void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        pump = SerialPump.open(buses, options.port(), SerialParams.of8N1(options.baud()), ctx, options.pollIntervalMs(), options.silenceTimeoutMs(),
                (buf, off, len) -> decoder.feed(buf, off, len, this));
    }

    @Override
    public void onRecord(Map<String, Object> fields) {
        context.emit(context.clock().wallMillis(), fields);
    }

    @Override
    public void onReject(String reason, String detail) {
        context.reject(reason, detail);
    }

    @Override
    public void stop() {
        if (pump != null) {
            pump.close();
        }
    }
}
