package io.edgegateway.gateway.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.gateway.config.DeviceConfig;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.log.TopicConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only what differs is restarted; removed topics keep their data; listener and budget wait for a restart. */
class ConfigDiffTest {
    private static final String DEVICES = """
            devices:
              - {id: a, type: bme280, topic: sensors.environment}
              - {id: b, type: bme280, topic: sensors.environment, options: {address: 0x77}}
              - {id: c, type: bme280, topic: sensors.environment, options: {i2c-bus: 2}}
            """;

    @Test
    void firstConfigStartsEverything() throws Exception {
        GatewayConfig c = WiringFixtures.config(DEVICES);
        ConfigDiff d = ConfigDiff.between(Optional.empty(), c);
        assertEquals(List.of("a", "b", "c"), d.devicesToStart().stream().map(DeviceConfig::id).toList());
        assertEquals(List.of("sensors.environment"), d.topicsToCreate().stream().map(TopicConfig::name).toList());
        assertEquals(List.of(), d.devicesToStop());
        assertEquals(List.of(), d.needRestart());
    }

    @Test
    void sameConfigChangesNothing() throws Exception {
        GatewayConfig c = WiringFixtures.config(DEVICES);
        assertTrue(ConfigDiff.between(Optional.of(c), WiringFixtures.config(DEVICES)).isEmpty());
    }

    @Test
    void changedRemovedAndAddedDevicesAndTopics() throws Exception {
        GatewayConfig before = WiringFixtures.config(DEVICES);
        GatewayConfig after = WiringFixtures.config("""
                topics:
                  sensors.environment: {partitions: 2, retention: 1d}
                  access.rfid: {}
                devices:
                  - {id: a, type: bme280, topic: sensors.environment}
                  - {id: b, type: bme280, topic: sensors.environment, options: {address: 0x77, period: 5}}
                  - {id: d, type: bme280, topic: access.rfid, options: {i2c-bus: 3}}
                web: {port: 9090}
                log: {disk-budget: 1GiB}
                """);
        ConfigDiff d = ConfigDiff.between(Optional.of(before), after);
        assertEquals(List.of("b", "c"), d.devicesToStop());
        assertEquals(List.of("b", "d"), d.devicesToStart().stream().map(DeviceConfig::id).toList());
        assertEquals(List.of("access.rfid"), d.topicsToCreate().stream().map(TopicConfig::name).toList());
        assertEquals(List.of("sensors.environment"), d.topicsToUpdate().stream().map(TopicConfig::name).toList());
        assertEquals(List.of("log.disk-budget", "web"), d.needRestart());
    }

    @Test
    void theUplinkRestartsWhenItsEffectiveSettingsChangeAndOnlyThen() throws Exception {
        String uplink = "uplink: {bootstrap-servers: k:9092}\n";
        GatewayConfig before = WiringFixtures.config(DEVICES + uplink);
        assertTrue(ConfigDiff.between(Optional.empty(), before).uplinkChanged(), "the first config starts it");
        assertFalse(ConfigDiff.between(Optional.of(before), WiringFixtures.config(DEVICES.replace("0x77", "0x76")
                + uplink)).uplinkChanged(), "a device edit leaves it alone");
        assertFalse(ConfigDiff.between(Optional.of(before), WiringFixtures.config(DEVICES
                + "uplink:\n  kafka: {bootstrap.servers: k:9092}\n")).uplinkChanged(), "the same settings, written otherwise");
        assertTrue(ConfigDiff.between(Optional.of(before), WiringFixtures.config(DEVICES
                + "uplink: {bootstrap-servers: k:9092, compression: zstd}\n")).uplinkChanged());
        assertTrue(ConfigDiff.between(Optional.of(before), WiringFixtures.config(DEVICES + uplink
                + "topics: {sensors.environment: {partitions: 2}, io.gpio: {}}\n")).uplinkChanged(),
                "a new topic is forwarded by default");
        assertFalse(ConfigDiff.between(Optional.of(WiringFixtures.config(DEVICES)), WiringFixtures.config(DEVICES
                + "topics: {sensors.environment: {partitions: 2}, io.gpio: {}}\n")).uplinkChanged(), "no uplink");
    }
}
