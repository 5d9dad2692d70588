package io.edgegateway.gateway.config;

import io.edgegateway.log.TopicConfig;
import java.util.List;
import java.util.Optional;

/**
 * A validated {@code gateway.yaml}: the gateway id (and whether it came from the file or from the machine),
 * the board name, the devices, the log's topics and disk budget, the uplink settings and the web listener.
 * Immutable; produced only by {@link ConfigReader}, so holding one means every check passed. The source text
 * is kept so it can be stored as a config revision exactly as written.
 */
public record GatewayConfig(String gatewayId, boolean gatewayIdFromFile, String board, List<DeviceConfig> devices,
                            List<TopicConfig> topics, long diskBudgetBytes, UplinkConfig uplink, WebConfig web,
                            String sourceText) {
    public GatewayConfig {
        devices = List.copyOf(devices);
        topics = List.copyOf(topics);
    }

    public Optional<DeviceConfig> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<TopicConfig> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The source text is left out: it may be long, and a person may have pasted a secret into it. */
    @Override
    public String toString() {
        return "GatewayConfig[id=" + gatewayId + ", board=" + board + ", devices=" + devices + ", topics="
                + topics.stream().map(TopicConfig::name).toList() + ", diskBudgetBytes=" + diskBudgetBytes
                + ", uplink=" + uplink + ", web=" + web + "]";
    }
}
