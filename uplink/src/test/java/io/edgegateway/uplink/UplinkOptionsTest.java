package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinkOptionsTest {
    static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("gateway.id", "gw-7");
        m.put("topics", "sensors.environment, access.rfid");
        m.put("kafka.bootstrap.servers", "central:9092");
        return m;
    }

    static UplinkOptions parse(Map<String, String> m) {
        return UplinkOptions.parse(m, SecretResolver.of(Map.of("KAFKA_PASSWORD", "env-secret-123")));
    }

    static String error(Map<String, String> m) {
        return assertThrows(IllegalArgumentException.class, () -> parse(m)).getMessage();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        UplinkOptions o = parse(minimal());
        assertEquals(List.of("sensors.environment", "access.rfid"), o.topics());
        assertEquals(DeliveryMode.EXACTLY_ONCE, o.mode());
        assertEquals("edge.${topic}", o.centralTopic());
        assertEquals("edge.uplink.offsets", o.offsetsTopic());
        assertEquals("lz4", o.compression());
        assertEquals(0, o.bandwidthBytesPerSecond());
        assertEquals(0, o.dailyBudgetBytes());
        assertEquals(60_000, o.stallTimeoutMs());
        for (UplinkOptions.Key k : UplinkOptions.KEYS) {
            assertFalse(k.description().isBlank(), k.name());
        }
    }

    @Test
    void errorsNameTheKey() {
        Map<String, String> m = minimal();
        m.remove("gateway.id");
        assertTrue(error(m).startsWith("gateway.id is required"), error(m));

        m = minimal();
        m.put("batch.max.records", "lots");
        assertTrue(error(m).contains("batch.max.records='lots'"), error(m));
        m.put("batch.max.records", "0");
        assertTrue(error(m).contains("batch.max.records=0 must be between 1"), error(m));

        m = minimal();
        m.put("mode", "twice");
        assertTrue(error(m).contains("mode='twice'"), error(m));

        m = minimal();
        m.put("compression", "brotli");
        assertTrue(error(m).contains("compression='brotli'"), error(m));

        m = minimal();
        m.put("central.topic", "edge/${topic}");
        assertTrue(error(m).contains("central.topic"), error(m));

        m = minimal();
        m.put("bandwith.bytes.per.second", "1000");
        assertTrue(error(m).contains("unknown uplink option(s) [bandwith.bytes.per.second]"), error(m));

        m = minimal();
        m.put("kafka.transactional.id", "mine");
        assertTrue(error(m).contains("kafka.transactional.id is set by the uplink"), error(m));

        m = minimal();
        m.remove("kafka.bootstrap.servers");
        assertTrue(error(m).contains("kafka.bootstrap.servers is required"), error(m));

        m = minimal();
        m.put("topics", "a, ,a");
        assertTrue(error(m).contains("listed twice"), error(m));
    }

    @Test
    void secretsComeFromEnvironmentAndFilesAndAreNeverShown(@TempDir Path dir) throws Exception {
        Path jaas = dir.resolve("jaas");
        Files.writeString(jaas, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gw\" "
                + "password=\"file-secret-456\";\n");
        Map<String, String> m = minimal();
        m.put("kafka.security.protocol", "SASL_SSL");
        m.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        m.put("kafka.sasl.jaas.config", "${file:" + jaas + "}");
        m.put("kafka.ssl.truststore.password", "${env:KAFKA_PASSWORD}");
        m.put("kafka.ssl.key.password", "inline-secret-789");
        UplinkOptions o = parse(m);

        assertTrue(o.kafkaProperties().get("sasl.jaas.config").endsWith("password=\"file-secret-456\";"),
                "the file's final newline is dropped");
        assertEquals("env-secret-123", o.kafkaProperties().get("ssl.truststore.password"));
        assertEquals("inline-secret-789", o.kafkaProperties().get("ssl.key.password"));
        String shown = o.toString() + o.maskedKafkaProperties();
        for (String secret : List.of("file-secret-456", "env-secret-123", "inline-secret-789")) {
            assertFalse(shown.contains(secret), shown);
        }
        assertEquals("[hidden]", o.maskedKafkaProperties().get("sasl.jaas.config"));
        assertEquals("SCRAM-SHA-512", o.maskedKafkaProperties().get("sasl.mechanism"));
        assertEquals("SASL_SSL", ClientConfigs.producer(o, "tx").getProperty("security.protocol"));
    }

    @Test
    void missingSecretSourcesNameTheKeyButNotAValue() {
        Map<String, String> m = minimal();
        m.put("kafka.sasl.jaas.config", "${env:NOT_SET_ANYWHERE}");
        assertTrue(error(m).contains("kafka.sasl.jaas.config refers to environment variable NOT_SET_ANYWHERE"), error(m));
        m.put("kafka.sasl.jaas.config", "${file:/nonexistent/secret}");
        assertTrue(error(m).contains("kafka.sasl.jaas.config refers to file /nonexistent/secret"), error(m));
    }

    @Test
    void producerSettingsFollowTheMode() {
        Map<String, String> m = minimal();
        m.put("kafka.linger.ms", "50");
        m.put("compression", "zstd");
        UplinkOptions eos = parse(m);
        var p = ClientConfigs.producer(eos, "edge-uplink.gw-7.0000");
        assertEquals("all", p.getProperty("acks"));
        assertEquals("true", p.getProperty("enable.idempotence"));
        assertEquals("zstd", p.getProperty("compression.type"));
        assertEquals("50", p.getProperty("linger.ms"), "passed-through properties override the uplink's defaults");
        assertEquals("edge-uplink.gw-7.0000", p.getProperty("transactional.id"));
        assertFalse(ClientConfigs.consumer(eos).containsKey("linger.ms"), "producer-only keys stay off the consumer");

        m.put("mode", "at-least-once");
        var alo = ClientConfigs.producer(parse(m), null);
        assertFalse(alo.containsKey("transactional.id"));
        assertEquals(Integer.toString(Integer.MAX_VALUE), alo.getProperty("delivery.timeout.ms"));
    }

    @Test
    void transactionalIdFollowsGatewayAndPartitionSet() {
        UplinkOptions o = parse(minimal());
        String a = Uplink.transactionalId(o, "sensors:3,doors:1,");
        assertTrue(a.startsWith("edge-uplink.gw-7."), a);
        assertEquals(a, Uplink.transactionalId(o, "sensors:3,doors:1,"));
        assertFalse(a.equals(Uplink.transactionalId(o, "sensors:3,")));
    }

    @Test
    void topicMapping() {
        assertEquals("edge.sensors", new TopicMapper("edge.${topic}", "gw").centralTopic("sensors"));
        assertEquals("plant-gw.sensors", new TopicMapper("plant-${gateway}.${topic}", "gw").centralTopic("sensors"));
        TopicMapper shared = new TopicMapper("plant.events", "gw");
        assertTrue(shared.shared());
        assertEquals("plant.events", shared.centralTopic("doors"));
    }
}
