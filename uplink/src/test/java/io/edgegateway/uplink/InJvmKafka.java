package io.edgegateway.uplink;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft cluster in the test JVM (Kafka's own KafkaClusterTestKit, 4.3.1): the quickest real
 * broker for the cases that do not stop it. Its data lives under java.io.tmpdir (target/ in surefire).
 */
final class InJvmKafka implements TestBroker {
    private final KafkaClusterTestKit kit;

    InJvmKafka(Map<String, String> extraConfig) throws Exception {
        KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false");
        extraConfig.forEach(b::setConfigProp);
        kit = b.build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
    }

    @Override
    public String bootstrap() {
        return kit.bootstrapServers();
    }

    static void createTopic(String bootstrap, String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin a = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            a.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
