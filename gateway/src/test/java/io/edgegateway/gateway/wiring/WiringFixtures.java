package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.DriverRegistry;
import io.edgegateway.drivers.bme280.Bme280Type;
import io.edgegateway.gateway.config.ConfigReader;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.gateway.config.InvalidConfigException;
import io.edgegateway.log.TopicConfig;
import java.util.List;

/** Valid configs for wiring tests, read through the real validator. */
final class WiringFixtures {
    private WiringFixtures() {
    }

    static GatewayConfig config(String yaml) throws InvalidConfigException {
        return ConfigReader.system(new DriverRegistry().register(new Bme280Type()),
                List.of(TopicConfig.builder("sensors.environment").partitions(2).build()))
                .read("gateway: {id: gw-test}\nboard: laptop-sim\n" + yaml, "test.yaml");
    }
}
