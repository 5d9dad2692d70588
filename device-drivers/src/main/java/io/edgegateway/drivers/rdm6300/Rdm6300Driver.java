package io.edgegateway.drivers.rdm6300;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.RepeatFilter;
import io.edgegateway.drivers.SerialPump;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.SerialParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an RDM6300 125 kHz reader: opens the port at 9600 8N1, feeds received bytes to a
 * {@link Rdm6300Decoder}, drops repeats of a tag still in the field ({@link RepeatFilter}) and emits one
 * event per presentation. The module only transmits when a tag is present, so silence is normal and is not
 * a failure; a removed USB adapter shows up as a read error and restarts the driver.
 */
final class Rdm6300Driver implements Driver, Rdm6300Decoder.Listener {
    /** RDM6300 datasheet: the module's UART is fixed at 9600 baud, 8N1, TX only. */
    static final SerialParams PARAMS = SerialParams.of8N1(9600);

    private final Rdm6300Options options;
    private final Buses buses;
    private final Rdm6300Decoder decoder = new Rdm6300Decoder();
    private final RepeatFilter repeats;
    private DriverContext context;
    private SerialPump pump;

    Rdm6300Driver(Rdm6300Options options, Buses buses) {
        this.options = options;
        this.buses = buses;
        this.repeats = new RepeatFilter(options.repeatWindowMs());
    }

    @Override
    public void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        pump = SerialPump.open(buses, options.port(), PARAMS, ctx, options.pollIntervalMs(), 0,
                (buf, off, len) -> decoder.feed(buf, off, len, this));
    }

    @Override
    public void onTag(Em4100Tag tag) {
        if (!repeats.isNew(tag.hex(), context.clock().monotonicNanos())) {
            return;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("tag_id", tag.hex());
        value.put("customer_code", tag.customerCode());
        value.put("card_decimal", tag.decimal());
        value.put("card_wiegand26", tag.wiegand26());
        context.emit(context.clock().wallMillis(), value);
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
