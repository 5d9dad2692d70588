package io.edgegateway.gateway.wiring;

import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.gateway.config.InvalidConfigException;

/** Lets tests in other packages build configs the way the wiring tests do. */
public final class WiringFixturesAccess {
    private WiringFixturesAccess() {
    }

    public static GatewayConfig config(String yaml) throws InvalidConfigException {
        return WiringFixtures.config(yaml);
    }
}
