package io.edgegateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.gateway.config.DeviceConfig;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.gateway.wiring.DeviceSimulators;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generated simulation config passes the same validator (with the board files) as a user's file, has one
 * device per simulated type on its default topic, and leaves the mqtt-subscriber out when no broker was
 * started for it.
 */
class SimulationConfigTest {
    private static GatewayConfig read(String broker) throws Exception {
        return ValidateCommand.reader(Path.of("../board-configs"))
                .read(SimulationConfig.text(BuiltInDrivers.registry(), false, broker), "simulation");
    }

    private static Map<String, String> topicsByType(GatewayConfig c) {
        return c.devices().stream().collect(Collectors.toMap(DeviceConfig::type, DeviceConfig::topic, (a, b) -> a,
                TreeMap::new));
    }

    @Test
    void withABrokerEverySimulatedTypeHasADeviceOnItsTopic() throws Exception {
        Map<String, String> got = topicsByType(read("tcp://127.0.0.1:18830"));
        assertEquals(new TreeMap<>(DeviceSimulators.SIMULATED_TYPES.stream().collect(Collectors.toMap(t -> t,
                DefaultTopics::forDriverType))), got);
        assertEquals(DefaultTopics.RFID, got.get("pn532"));
        assertEquals(DefaultTopics.RFID, got.get("mfrc522"));
        assertEquals(DefaultTopics.RFID, got.get("rdm6300"));
    }

    @Test
    void withoutABrokerTheMqttSubscriberIsLeftOut() throws Exception {
        Map<String, String> got = topicsByType(read(null));
        assertFalse(got.containsKey(SimulationConfig.MQTT), got.toString());
        assertEquals(DeviceSimulators.SIMULATED_TYPES.size() - 1, got.size(), got.toString());
    }
}
