package io.edgegateway.drivers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/**
 * Turns a driver's value map into event bytes and the standard headers. One shared, thread-safe Jackson
 * mapper; NaN and infinities are refused because JSON cannot carry them and a consumer would choke.
 */
final class EventEncoder {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private EventEncoder() {
    }

    static byte[] encode(Map<String, ?> value) throws JsonProcessingException {
        for (Object v : value.values()) {
            if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
                throw new IllegalArgumentException("non-finite number in event value " + value);
            }
        }
        return JSON.writeValueAsBytes(value);
    }

    static Map<String, String> headers(DriverType<?> type, boolean clockSynchronized) {
        return Map.of(
                EventHeaders.DEVICE_TYPE, type.name(),
                EventHeaders.DRIVER, type.name() + "/" + type.version(),
                EventHeaders.CLOCK_QUALITY, clockSynchronized ? "synchronized" : "unsynchronized");
    }
}
