package io.edgegateway.gateway;

import io.edgegateway.log.Durability;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.TopicConfig;
import java.util.List;
import java.util.Map;

/**
 * The topics a gateway starts with, named by what they carry: access events are kept with {@code always}
 * durability and the highest priority (a door opening must never be lost), sensor readings with
 * {@code interval}, GPIO edges in between.
 */
final class DefaultTopics {
    static final String ENVIRONMENT = "sensors.environment";
    static final String RFID = "access.rfid";
    static final String GPIO = "io.gpio";

    private DefaultTopics() {
    }

    private static final Map<String, String> BY_DRIVER_TYPE = Map.of("bme280", ENVIRONMENT, "ds18b20", ENVIRONMENT,
            "gpio-input", GPIO, "wiegand", RFID, "rdm6300", RFID, "pn532", RFID, "mfrc522", RFID);

    /** The topic a simulated device of this driver type writes to; readings unless the type is listed. */
    static String forDriverType(String type) {
        return BY_DRIVER_TYPE.getOrDefault(type, ENVIRONMENT);
    }

    static List<TopicConfig> all() {
        return List.of(
                TopicConfig.builder(ENVIRONMENT).partitions(4).durability(Durability.INTERVAL).priority(0).build(),
                TopicConfig.builder(RFID).partitions(2).durability(Durability.ALWAYS).priority(10).build(),
                TopicConfig.builder(GPIO).partitions(2).durability(Durability.INTERVAL).priority(5).build());
    }

    static void createIn(LocalLog log) {
        for (TopicConfig c : all()) {
            if (!log.topics().containsKey(c.name())) {
                log.createTopic(c);
            }
        }
    }
}
