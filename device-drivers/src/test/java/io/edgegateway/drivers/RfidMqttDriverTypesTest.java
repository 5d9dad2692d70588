package io.edgegateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgegateway.drivers.options.OptionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfidMqttDriverTypesTest {
    @Test
    void bothTypesRegisterAndConfigureByName() throws Exception {
        DriverRegistry registry = RfidMqttDriverTypes.registerAll(new DriverRegistry());
        assertEquals(List.of("mfrc522", "mqtt-subscriber"), registry.types().stream().map(DriverType::name).toList());
        ConfiguredDevice<?> reader = registry.configure("door", "mfrc522", Map.of("chip-select", 1));
        assertEquals(List.of("spi-0"), reader.wiring().buses());
        ConfiguredDevice<?> sensors = registry.configure("sensors", "mqtt-subscriber",
                Map.of("topic", "tele/+/SENSOR", "fields", "temperature_c=/BME280/Temperature"));
        assertEquals("mqtt-subscriber", sensors.type().name());
    }

    @Test
    void everyOptionIsDescribedForTheWebForm() {
        for (DriverType<?> t : RfidMqttDriverTypes.all()) {
            for (OptionSpec s : t.options().specs()) {
                assertEquals(true, s.description().length() > 10, t.name() + " " + s.key());
            }
        }
    }
}
