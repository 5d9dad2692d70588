package io.edgegateway.drivers;

import io.edgegateway.drivers.nmea.NmeaGpsDriverType;
import io.edgegateway.drivers.pn532.Pn532DriverType;
import io.edgegateway.drivers.rdm6300.Rdm6300DriverType;
import io.edgegateway.drivers.seriallines.SerialLinesDriverType;
import java.util.List;

/**
 * The driver types that read framed data from a serial port or, for the PN532, also from I2C: {@code rdm6300},
 * {@code nmea-gps}, {@code serial-lines} and {@code pn532}. The gateway registers them all in its
 * {@link DriverRegistry} with {@link #registerAll}. The {@code pn532} over I2C needs a {@link
 * io.edgegateway.drivers.bus.Buses} that also implements {@link io.edgegateway.drivers.bus.RawI2cBuses}.
 */
public final class SerialDriverTypes {
    private SerialDriverTypes() {
    }

    /** Fresh instances of the four types, in a fixed order. */
    public static List<DriverType<?>> all() {
        return List.of(new Rdm6300DriverType(), new NmeaGpsDriverType(), new SerialLinesDriverType(),
                new Pn532DriverType());
    }

    public static DriverRegistry registerAll(DriverRegistry registry) {
        for (DriverType<?> type : all()) {
            registry.register(type);
        }
        return registry;
    }
}
