package io.edgegateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.uplink.DeliveryMode;
import io.edgegateway.uplink.UplinkOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code uplink} section becomes the uplink's options: nested keys flattened, defaults from the gateway
 * id and topics, the shorthands mapped to Kafka properties; and every value the uplink would refuse is a
 * config problem at its line, naming the key.
 */
class UplinkSectionTest {
    private static final String B = "gateway: {id: gw-7}\nboard: laptop-sim\n";
    @TempDir
    Path dir;

    private GatewayConfig read(String yaml) throws Exception {
        return ConfigFixtures.reader(dir, Map.of("KAFKA_PASSWORD", "pa\"ss")).read(B + yaml, "gw.yaml");
    }

    @Test
    void defaultsComeFromTheGatewayIdAndEveryTopic() throws Exception {
        UplinkOptions o = UplinkSettings.options(read("uplink:\n  bootstrap-servers: k1:9092,k2:9092\n"));
        assertEquals("gw-7", o.gatewayId());
        assertEquals(List.of("sensors.environment", "access.rfid", "io.gpio"), o.topics());
        assertEquals(DeliveryMode.EXACTLY_ONCE, o.mode());
        assertEquals(Map.of("bootstrap.servers", "k1:9092,k2:9092"), o.maskedKafkaProperties());
    }

    @Test
    void nestedKeysAndListsAreFlattened() throws Exception {
        GatewayConfig c = read("""
                uplink:
                  topics: [access.rfid, io.gpio]
                  mode: at-least-once
                  central.topic: site.${topic}
                  offsets:
                    topic: site.offsets
                  kafka:
                    bootstrap.servers: k:9092
                    linger:
                      ms: 20
                """);
        Map<String, String> flat = UplinkSettings.flat(c);
        assertEquals("access.rfid,io.gpio", flat.get("topics"));
        assertEquals("site.offsets", flat.get("offsets.topic"));
        assertEquals("20", flat.get("kafka.linger.ms"));
        UplinkOptions o = UplinkSettings.options(c);
        assertEquals(List.of("access.rfid", "io.gpio"), o.topics());
        assertEquals(DeliveryMode.AT_LEAST_ONCE, o.mode());
        assertEquals("site.offsets", o.offsetsTopic());
    }

    @Test
    void saslShorthandBecomesAScramLoginOverTls() throws Exception {
        GatewayConfig c = read("""
                uplink:
                  bootstrap-servers: k:9093
                  sasl:
                    username: gw-7
                    password: ${env:KAFKA_PASSWORD}
                """);
        Map<String, String> flat = UplinkSettings.flat(c);
        assertEquals("SCRAM-SHA-512", flat.get("kafka.sasl.mechanism"));
        assertEquals("SASL_SSL", flat.get("kafka.security.protocol"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gw-7\" "
                + "password=\"pa\\\"ss\";", flat.get("kafka.sasl.jaas.config"));
        UplinkOptions o = UplinkSettings.options(c);
        assertEquals("[hidden]", o.maskedKafkaProperties().get("sasl.jaas.config"));
        assertFalse(o.toString().contains("pa\"ss"), o.toString());
        assertFalse(c.toString().contains("pa\"ss"), c.toString());
    }

    @Test
    void noSectionNoUplink() throws Exception {
        assertEquals(Map.of(), UplinkSettings.flat(read("web: {port: 8080}\n")));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                bad("unknown key", "uplink:\n  bootstrap-servers: k:9092\n  centrl.topic: x\n", "5:17",
                        "uplink.centrl.topic", "'centrl.topic' is not an uplink setting", "did you mean 'central.topic'?"),
                bad("bad value", "uplink:\n  bootstrap-servers: k:9092\n  mode: sometimes\n", "5:9",
                        "uplink.mode", "mode='sometimes'", "docs/uplink.md"),
                bad("bad nested value", "uplink:\n  bootstrap-servers: k:9092\n  offsets:\n    topic: a b\n", "6:12",
                        "uplink.offsets.topic", "offsets.topic='a b' is not a valid Kafka topic name", "docs/uplink.md"),
                bad("no bootstrap", "uplink:\n  mode: exactly-once\n", "3:1", "uplink",
                        "kafka.bootstrap.servers is required", "bootstrap-servers: kafka.example.net:9093"),
                bad("reserved kafka property", "uplink:\n  bootstrap-servers: k:9092\n  kafka:\n    acks: 1\n", "6:11",
                        "uplink.kafka.acks", "kafka.acks is set by the uplink itself", "docs/uplink.md"),
                bad("topic not configured", "uplink:\n  bootstrap-servers: k:9092\n  topics: [io.gpio, io.gpoi]\n",
                        "5:11", "uplink.topics", "topic 'io.gpoi' is not a topic of this gateway", "did you mean 'io.gpio'?"),
                bad("sasl without password", "uplink:\n  bootstrap-servers: k:9092\n  sasl: {username: u}\n", "5:9",
                        "uplink.sasl", "sasl.password is required", "docs/uplink.md"),
                bad("sasl unknown mechanism", "uplink:\n  bootstrap-servers: k:9092\n  sasl: {username: u, password: p,"
                        + " mechanism: GSSAPI}\n", "5:47", "uplink.sasl.mechanism", "sasl.mechanism='GSSAPI' must be one of",
                        "docs/uplink.md"),
                bad("bootstrap twice", "uplink:\n  bootstrap-servers: k:9092\n  kafka: {bootstrap.servers: j:9092}\n",
                        "4:22", "uplink.bootstrap-servers", "sets kafka.bootstrap.servers, which is also written",
                        "docs/uplink.md"),
                bad("a key nested and dotted", "uplink:\n  kafka.bootstrap.servers: k:9092\n  kafka: {bootstrap.servers: j:9092}\n",
                        "5:30", "uplink.kafka.bootstrap.servers", "kafka.bootstrap.servers is written twice", "docs/uplink.md"));
    }

    private static Arguments bad(String name, String yaml, String lineCol, String path, String message, String hint) {
        return Arguments.of(name, yaml, lineCol, path, message, hint);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsAProblemAtItsKey(String name, String yaml, String lineCol, String path, String message,
                                       String hint) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> read(yaml));
        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigProblem p = e.problems().get(0);
        assertEquals("gw.yaml:" + lineCol, p.location().toString(), e.getMessage());
        assertEquals(path, p.path(), e.getMessage());
        assertTrue(p.message().contains(message), "message: " + p.message());
        assertTrue(p.hint().contains(hint), "hint: " + p.hint());
    }
}
