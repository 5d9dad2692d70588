package io.edgegateway.drivers.ds18b20;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.OneWireBus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one DS18B20 through the kernel's w1_therm sysfs file every period. Each read makes the kernel run a
 * conversion (up to 750 ms at 12 bits), so the poll occupies a scheduler thread that long; that is the price
 * of using the kernel driver instead of bit-banging 1-Wire timing from Java. A vanished sensor folder fails
 * the device (retried with backoff); a bad CRC or the 85 °C power-on value is a counted reject.
 */
final class Ds18b20Driver implements Driver {
    static final String FAMILY = "28";

    private final Ds18b20Options options;
    private final Buses buses;
    private OneWireBus bus;
    private String sensorId;
    private DriverContext context;
    private Scheduler.Cancellable poll;

    Ds18b20Driver(Ds18b20Options options, Buses buses) {
        this.options = options;
        this.buses = buses;
    }

    @Override
    public synchronized void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        bus = buses.oneWire();
        List<String> present;
        try {
            present = bus.slaves(FAMILY);
        } catch (BusException e) {
            throw new DeviceException(DeviceException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
        if (options.sensorId().equals(Ds18b20Options.AUTO)) {
            if (present.isEmpty()) {
                throw new DeviceException(DeviceException.Kind.UNAVAILABLE, "no DS18B20 on the 1-Wire bus");
            }
            if (present.size() > 1) {
                throw new DeviceException(DeviceException.Kind.MISCONFIGURED, "several DS18B20 present " + present
                        + "; set sensor-id to one of them");
            }
            sensorId = present.get(0);
        } else {
            if (!present.contains(options.sensorId())) {
                throw new DeviceException(DeviceException.Kind.UNAVAILABLE, "DS18B20 " + options.sensorId()
                        + " not on the 1-Wire bus; present: " + present);
            }
            sensorId = options.sensorId();
        }
        poll = ctx.scheduler().scheduleAtFixedRate(this::read, 0, options.periodSeconds() * 1000);
    }

    private synchronized void read() {
        if (sensorId == null) {
            return;
        }
        String text;
        try {
            text = bus.read(sensorId, "w1_slave");
        } catch (BusException e) {
            context.fail(new DeviceException(DeviceException.Kind.UNAVAILABLE, e.getMessage(), e));
            return;
        }
        long takenAt = context.clock().wallMillis();
        W1SlaveParser.Result r = W1SlaveParser.parse(text);
        if (!r.ok()) {
            context.reject(r.rejectReason(), sensorId + ": " + r.detail());
            return;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("temperature_c", r.milliCelsius() / 1000.0);
        value.put("sensor_id", sensorId);
        context.emit(takenAt, value);
    }

    @Override
    public synchronized void stop() {
        if (poll != null) {
            poll.cancel();
        }
        sensorId = null;
    }
}
