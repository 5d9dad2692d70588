package io.edgegateway.drivers.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random and mutated payloads: the mapper answers with a value or a known reason, never an exception. */
class PayloadMapperPropertiesTest {
    private static final Set<String> REASONS = Set.of(PayloadMapper.TOO_LARGE, PayloadMapper.MALFORMED_JSON,
            PayloadMapper.NOT_AN_OBJECT, PayloadMapper.UNEXPECTED_VALUE, PayloadMapper.MISSING_FIELD,
            PayloadMapper.WRONG_TYPE, PayloadMapper.MISSING_SENSOR_ID);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PayloadMapper TASMOTA = new PayloadMapper(FieldMapping.parseList(
            "temperature_c=/BME280/Temperature, humidity_pct=/BME280/Humidity, pressure_hpa=/BME280/Pressure"),
            SensorIdSource.parse("topic:1"), Expectation.parseList("/TempUnit=C"));

    private static void check(PayloadMapper.Result r) {
        if (r instanceof PayloadMapper.Rejected rej) {
            assertTrue(REASONS.contains(rej.reason()), rej.toString());
        }
    }

    @Property(tries = 1000)
    void randomBytesNeverEscapeAsExceptions(@ForAll byte[] payload) {
        check(TASMOTA.map("tele/kitchen/SENSOR", payload));
    }

    @Property(tries = 1000)
    void mutatedTasmotaPayloadsYieldTheTrueValuesOrAReject(@ForAll @IntRange(min = 0, max = 199) int position,
                                                          @ForAll byte replacement) throws Exception {
        byte[] payload = PayloadMapperTest.TASMOTA.getBytes(StandardCharsets.UTF_8);
        int at = position % payload.length;
        byte original = payload[at];
        payload[at] = replacement;
        PayloadMapper.Result r = TASMOTA.map("tele/kitchen/SENSOR", payload);
        check(r);
        if (r instanceof PayloadMapper.Mapped m) {
            // A mutation may hit Time, DewPoint, a digit or whitespace and still parse; then every field must be
            // exactly what the (mutated) payload holds at its pointer, never a value from elsewhere.
            JsonNode tree = JSON.readTree(payload);
            assertEquals(tree.at("/BME280/Temperature").numberValue(), m.value().get("temperature_c"));
            assertEquals(tree.at("/BME280/Humidity").numberValue(), m.value().get("humidity_pct"));
            assertEquals(tree.at("/BME280/Pressure").numberValue(), m.value().get("pressure_hpa"));
            assertEquals("C", tree.at("/TempUnit").asText());
            assertEquals("kitchen", m.value().get("sensor_id"));
        } else if (original == replacement) {
            throw new AssertionError("the unmutated payload was rejected: " + r);
        }
    }
}
