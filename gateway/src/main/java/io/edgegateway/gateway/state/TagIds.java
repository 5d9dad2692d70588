package io.edgegateway.gateway.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventHeaders;
import java.io.IOException;
import java.util.Optional;

/**
 * The tag id in a reader's event, by driver type: {@code rdm6300} sends the EM4100 id as {@code tag_id} (ten
 * hex digits), {@code pn532} and {@code mfrc522} the ISO 14443A UID as {@code uid} (8, 14 or 20 hex digits, so
 * the same card read by either reader is one tag, and never equal to an EM4100 id), and {@code wiegand} a
 * format, facility and card number, which become {@code 26-bit:18:4242}. Other device types carry no tag.
 */
final class TagIds {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TagIds() {
    }

    /** Whether events of this device type name a tag. */
    static boolean isReader(String deviceType) {
        return switch (deviceType == null ? "" : deviceType) {
            case "rdm6300", "pn532", "mfrc522", "wiegand" -> true;
            default -> false;
        };
    }

    /**
     * The tag a reader's event names, or empty for a device that reads no tags.
     *
     * @throws IllegalArgumentException when a reader's event lacks its tag fields
     */
    static Optional<String> of(DeviceEvent e) {
        String type = e.headers().get(EventHeaders.DEVICE_TYPE);
        if (!isReader(type)) {
            return Optional.empty();
        }
        JsonNode v;
        try {
            v = JSON.readTree(e.value());
        } catch (IOException | RuntimeException ex) {
            throw new IllegalArgumentException(type + " event value is not JSON");
        }
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException(type + " event value is not a JSON object");
        }
        return Optional.of(switch (type) {
            case "rdm6300" -> hex(v, "tag_id", type);
            case "pn532", "mfrc522" -> hex(v, "uid", type);
            default -> wiegand(v);
        });
    }

    private static String hex(JsonNode v, String field, String type) {
        String id = v.path(field).asText("");
        if (!id.matches("[0-9A-Fa-f]{2,40}")) {
            throw new IllegalArgumentException(type + " event has no hex '" + field + "'");
        }
        return id.toUpperCase(java.util.Locale.ROOT);
    }

    private static String wiegand(JsonNode v) {
        JsonNode format = v.get("format");
        JsonNode facility = v.get("facility");
        JsonNode card = v.get("card");
        if (format == null || !format.isTextual() || facility == null || !facility.canConvertToLong()
                || card == null || !card.canConvertToLong()) {
            throw new IllegalArgumentException("wiegand event lacks format, facility or card");
        }
        return format.asText() + ":" + facility.asLong() + ":" + card.asLong();
    }
}
