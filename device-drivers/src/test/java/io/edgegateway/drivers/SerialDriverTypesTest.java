package io.edgegateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialDriverTypesTest {
    @Test
    void registersTheFourTypesUnderTheirConfigNames() throws Exception {
        DriverRegistry registry = SerialDriverTypes.registerAll(new DriverRegistry());
        assertEquals(List.of("nmea-gps", "pn532", "rdm6300", "serial-lines"),
                registry.types().stream().map(DriverType::name).toList());
        assertEquals("pn532", registry.configure("nfc", "pn532", null).type().name());
    }

    /** The web form shows unit and description for every option; numbers must say their limits. */
    @Test
    void everyOptionIsDescribedAndEveryNumberIsBounded() {
        for (DriverType<?> type : SerialDriverTypes.all()) {
            assertEquals(type.name(), type.options().driverType());
            assertFalse(type.description().isBlank());
            for (OptionSpec spec : type.options().specs()) {
                assertFalse(spec.description().isBlank(), type.name() + " " + spec.key());
                if (spec.type() == OptionType.INTEGER || spec.type() == OptionType.DECIMAL) {
                    assertTrue(spec.min().isPresent() && spec.max().isPresent(), type.name() + " " + spec.key());
                }
            }
        }
    }
}
