package io.edgegateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BuiltInDriversTest {

    @Test
    void everyDriverTypeIsRegisteredOnce() {
        Set<String> names = new TreeSet<>();
        for (DriverType<?> t : BuiltInDrivers.registry().types()) {
            names.add(t.name());
        }
        assertEquals(new TreeSet<>(Set.of("gpio-input", "wiegand", "rdm6300", "pn532", "mfrc522", "bme280", "ds18b20",
                "nmea-gps", "serial-lines", "mqtt-subscriber")), names);
    }
}
