package io.edgegateway.drivers.nmea;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/** The {@code nmea-gps} driver type: position and UTC time from an NMEA 0183 GNSS receiver on a serial port. */
public final class NmeaGpsDriverType implements DriverType<NmeaGpsOptions> {
    public static final String NAME = "nmea-gps";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "GPS/GNSS receiver speaking NMEA 0183 (GGA, RMC) on a serial port";
    }

    @Override
    public OptionSchema options() {
        return NmeaGpsOptions.SCHEMA;
    }

    @Override
    public NmeaGpsOptions parse(Map<String, ?> raw) throws InvalidOptionsException {
        return NmeaGpsOptions.from(NmeaGpsOptions.SCHEMA.parse(raw));
    }

    @Override
    public Driver create(NmeaGpsOptions options, Buses buses) {
        return new NmeaGpsDriver(options, buses);
    }
}
