package io.edgegateway.drivers.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadMapperTest {
    /** Tasmota SENSOR telemetry of a BME280, shaped as in Tasmota's documentation. */
    static final String TASMOTA = "{\"Time\":\"2024-03-01T12:00:00\",\"BME280\":{\"Temperature\":21.4,"
            + "\"Humidity\":48.2,\"DewPoint\":10.0,\"Pressure\":1013.2},\"PressureUnit\":\"hPa\",\"TempUnit\":\"C\"}";
    /** Zigbee2MQTT state of an Aqara temperature sensor. */
    static final String ZIGBEE = "{\"battery\":97,\"humidity\":55.62,\"linkquality\":132,\"temperature\":22.55,"
            + "\"voltage\":3005}";

    private static PayloadMapper mapper(String fields, String sensorId, String expect) {
        return new PayloadMapper(FieldMapping.parseList(fields), SensorIdSource.parse(sensorId),
                Expectation.parseList(expect));
    }

    private static PayloadMapper.Result map(PayloadMapper m, String topic, String payload) {
        return m.map(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(PayloadMapper.Result r) {
        return ((PayloadMapper.Rejected) r).reason();
    }

    @Test
    void tasmotaSensorTelemetryByTopicLevel() {
        PayloadMapper m = mapper("temperature_c=/BME280/Temperature, humidity_pct=/BME280/Humidity,"
                + " pressure_hpa=/BME280/Pressure", "topic:1", "/TempUnit=C, /PressureUnit=hPa");
        PayloadMapper.Result r = map(m, "tele/kitchen/SENSOR", TASMOTA);
        assertEquals(new PayloadMapper.Mapped(Map.of("topic", "tele/kitchen/SENSOR", "sensor_id", "kitchen",
                "temperature_c", 21.4, "humidity_pct", 48.2, "pressure_hpa", 1013.2)), r);
        assertEquals(List.of("topic", "sensor_id", "temperature_c", "humidity_pct", "pressure_hpa"),
                List.copyOf(((PayloadMapper.Mapped) r).value().keySet()), "declaration order");
    }

    @Test
    void zigbeeStateWithOptionalFieldsAndNamesContainingSlashes() {
        PayloadMapper m = mapper("temperature_c=/temperature, humidity_pct=/humidity, battery_pct?=/battery,"
                + " linkquality?=/linkquality", "topic:1-", "");
        assertEquals(new PayloadMapper.Mapped(Map.of("topic", "zigbee2mqtt/ground/hall", "sensor_id", "ground/hall",
                        "temperature_c", 22.55, "humidity_pct", 55.62, "battery_pct", 97, "linkquality", 132)),
                map(m, "zigbee2mqtt/ground/hall", ZIGBEE));
        assertEquals(new PayloadMapper.Mapped(Map.of("topic", "zigbee2mqtt/hall", "sensor_id", "hall",
                "temperature_c", 20.5, "humidity_pct", 40)),
                map(m, "zigbee2mqtt/hall", "{\"temperature\":20.5,\"humidity\":40}"), "optional fields may be absent");
    }

    @Test
    void sensorIdFromThePayloadAndScalarTypes() {
        PayloadMapper m = mapper("temperature_c=/DS18B20/Temperature, contact=/contact, action?=/action", "/DS18B20/Id",
                "");
        assertEquals(new PayloadMapper.Mapped(Map.of("topic", "t", "sensor_id", "01144A2FAAFF", "temperature_c", 19.9,
                        "contact", false, "action", "single")),
                map(m, "t", "{\"DS18B20\":{\"Id\":\"01144A2FAAFF\",\"Temperature\":19.9},\"contact\":false,"
                        + "\"action\":\"single\"}"));
    }

    @Test
    void everyKindOfBadPayloadHasItsReason() {
        PayloadMapper m = mapper("temperature_c=/BME280/Temperature, humidity_pct=/BME280/Humidity", "topic:1",
                "/TempUnit=C");
        assertEquals(PayloadMapper.MALFORMED_JSON, reason(map(m, "tele/k/SENSOR", TASMOTA.substring(0, 60))));
        assertEquals(PayloadMapper.MALFORMED_JSON, reason(map(m, "tele/k/SENSOR", "{\"a\":1,\"a\":2}")));
        assertEquals(PayloadMapper.MALFORMED_JSON, reason(map(m, "tele/k/SENSOR", "{\"a\":NaN}")));
        assertEquals(PayloadMapper.NOT_AN_OBJECT, reason(map(m, "tele/k/SENSOR", "[1,2]")));
        assertEquals(PayloadMapper.MALFORMED_JSON, reason(map(m, "tele/k/LWT", "Online")), "Tasmota LWT is no JSON");
        assertEquals(PayloadMapper.NOT_AN_OBJECT, reason(map(m, "tele/k/SENSOR", "42")));
        assertEquals(PayloadMapper.NOT_AN_OBJECT, reason(map(m, "tele/k/SENSOR", "")));
        assertEquals(PayloadMapper.UNEXPECTED_VALUE, reason(map(m, "tele/k/SENSOR", TASMOTA.replace("\"C\"", "\"F\""))));
        assertEquals(PayloadMapper.MISSING_FIELD, reason(map(m, "tele/k/SENSOR",
                TASMOTA.replace("\"Humidity\":48.2,", ""))));
        assertEquals(PayloadMapper.MISSING_FIELD, reason(map(m, "tele/k/SENSOR",
                TASMOTA.replace("\"Humidity\":48.2", "\"Humidity\":null"))));
        assertEquals(PayloadMapper.WRONG_TYPE, reason(map(m, "tele/k/SENSOR",
                TASMOTA.replace("\"Humidity\":48.2", "\"Humidity\":[48.2]"))));
        assertEquals(PayloadMapper.MISSING_SENSOR_ID, reason(map(m, "tele", TASMOTA)));
        byte[] huge = new byte[PayloadMapper.MAX_PAYLOAD_BYTES + 1];
        assertEquals(PayloadMapper.TOO_LARGE, reason(m.map("tele/k/SENSOR", huge)));
    }
}
