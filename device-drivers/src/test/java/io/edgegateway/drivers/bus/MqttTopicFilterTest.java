package io.edgegateway.drivers.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Examples from MQTT 3.1.1 §4.7.1 and §4.7.2. */
class MqttTopicFilterTest {
    @Test
    void wildcardsMatchAsTheSpecificationSays() {
        assertTrue(MqttTopicFilter.matches("sport/tennis/player1/#", "sport/tennis/player1"));
        assertTrue(MqttTopicFilter.matches("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon"));
        assertTrue(MqttTopicFilter.matches("sport/#", "sport"));
        assertTrue(MqttTopicFilter.matches("sport/tennis/+", "sport/tennis/player1"));
        assertFalse(MqttTopicFilter.matches("sport/tennis/+", "sport/tennis/player1/ranking"));
        assertTrue(MqttTopicFilter.matches("+/+", "/finance"));
        assertTrue(MqttTopicFilter.matches("/+", "/finance"));
        assertFalse(MqttTopicFilter.matches("+", "/finance"));
        assertTrue(MqttTopicFilter.matches("tele/+/SENSOR", "tele/kitchen/SENSOR"));
        assertFalse(MqttTopicFilter.matches("tele/+/SENSOR", "tele/kitchen/STATE"));
        assertFalse(MqttTopicFilter.matches("#", "$SYS/broker/uptime"));
        assertTrue(MqttTopicFilter.matches("$SYS/#", "$SYS/broker/uptime"));
    }

    @Test
    void invalidFiltersAreExplained() {
        assertEquals(Optional.empty(), MqttTopicFilter.problem("zigbee2mqtt/+"));
        assertEquals(Optional.of("'#' must be a whole level and the last one"), MqttTopicFilter.problem("a/#/b"));
        assertEquals(Optional.of("'#' must be a whole level and the last one"), MqttTopicFilter.problem("a/b#"));
        assertEquals(Optional.of("'+' must be a whole level"), MqttTopicFilter.problem("tele/kitchen+/SENSOR"));
        assertTrue(MqttTopicFilter.problem("").isPresent());
    }
}
