package io.edgegateway.drivers.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.bus.MqttConnectionSettings;
import io.edgegateway.drivers.bus.MqttVersion;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttSubscriberOptionsTest {
    private final MqttSubscriberDriverType type = new MqttSubscriberDriverType(s -> {
        throw new AssertionError("no client is created while parsing");
    });

    @Test
    void defaultsGiveAPersistentV5SessionOnTheLocalBroker() throws Exception {
        MqttSubscriberOptions o = type.parse(Map.of("topic", "zigbee2mqtt/+", "fields", "temperature_c=/temperature"));
        MqttConnectionSettings c = o.connection("hall-sensors");
        assertEquals("tcp://127.0.0.1:1883", c.serverUri());
        assertEquals("edge-gateway-hall-sensors", c.clientId());
        assertEquals(MqttVersion.V5, c.version());
        assertTrue(c.persistentSession());
        assertEquals(3_600, c.sessionExpirySeconds());
        assertEquals(1, o.qos());
        assertEquals(List.of(), o.wiring().buses());
        assertEquals("secret", type.parse(Map.of("topic", "a", "fields", "x=/x", "password", "secret"))
                .connection("d").password());
        assertTrue(!c.toString().contains("secret"));
    }

    @Test
    void everyProblemNamesItsKey() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of(
                "topic", "tele/#/SENSOR", "fields", "Temperature=/BME280/Temperature", "sensor-id", "level 1",
                "expect", "TempUnit=C", "protocol", "v3")));
        List<String> keys = e.problems().stream().map(OptionProblem::key).sorted().toList();
        assertEquals(List.of("protocol"), keys, "the schema reports type errors before the mapping is looked at");
        InvalidOptionsException mapping = assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of(
                "topic", "tele/#/SENSOR", "fields", "Temperature=/BME280/Temperature", "sensor-id", "level 1",
                "expect", "TempUnit=C")));
        assertEquals(List.of("expect", "fields", "sensor-id", "topic"),
                mapping.problems().stream().map(OptionProblem::key).sorted().toList(), mapping.getMessage());
        assertTrue(mapping.getMessage().contains("'#' must be a whole level and the last one"), mapping.getMessage());
        InvalidOptionsException twice = assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of(
                "topic", "a", "fields", "t_c=/a, t_c=/b")));
        assertTrue(twice.getMessage().contains("'t_c' is used twice"), twice.getMessage());
    }
}
