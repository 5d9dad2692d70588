package io.edgegateway.uplink;

/**
 * Maps a local topic to its central topic by a template: {@code ${topic}} becomes the local topic name and
 * {@code ${gateway}} the gateway id. The default {@code edge.${topic}} keeps one central topic per local
 * one; a template without {@code ${topic}} sends everything to one shared topic, where the
 * {@link EdgeHeaders#EDGE_TOPIC} and {@link EdgeHeaders#GATEWAY} headers tell the sources apart.
 */
final class TopicMapper {
    private final String template;
    private final String gatewayId;

    TopicMapper(String template, String gatewayId) {
        this.template = template;
        this.gatewayId = gatewayId;
    }

    String centralTopic(String localTopic) {
        return template.replace("${topic}", localTopic).replace("${gateway}", gatewayId);
    }

    /** True if every local topic goes to the same central topic. */
    boolean shared() {
        return !template.contains("${topic}");
    }
}
