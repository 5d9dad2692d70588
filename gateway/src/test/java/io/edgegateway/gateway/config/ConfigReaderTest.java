package io.edgegateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.bme280.Bme280Options;
import io.edgegateway.log.Durability;
import io.edgegateway.log.TopicConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configs become the typed options they describe; files that cannot be read are clear problems. */
class ConfigReaderTest {
    private static final Map<String, String> ENV = Map.of("KAFKA_PASSWORD", "s3cret-Pa55");
    @TempDir
    Path dir;

    @Test
    void flushBytesTakesASizeOrNone() throws Exception {
        GatewayConfig c = ConfigFixtures.reader(dir, ENV).read("board: b\ntopics:\n  a:\n    flush-bytes: 4MiB\n"
                + "  b:\n    flush-bytes: none\n  c: {}\n", "gateway.yaml");
        assertEquals(4L << 20, c.topic("a").orElseThrow().flushIntervalBytes());
        assertEquals(-1, c.topic("b").orElseThrow().flushIntervalBytes(), "none: no byte limit");
        assertEquals(-1, c.topic("c").orElseThrow().flushIntervalBytes(), "no byte limit by default");
    }

    @Test
    void fullConfigMapsEverySection() throws Exception {
        GatewayConfig c = ConfigFixtures.reader(dir, ENV).read(ConfigFixtures.FULL, "gateway.yaml");
        assertEquals("gw-hall-01", c.gatewayId());
        assertTrue(c.gatewayIdFromFile());
        assertEquals("raspberry-pi-4b", c.board());
        assertEquals(2L << 30, c.diskBudgetBytes());

        TopicConfig env = c.topic("sensors.environment").orElseThrow();
        assertEquals(4, env.partitions());
        assertEquals(7L * 24 * 3600 * 1000, env.retentionMs());
        assertEquals(512L << 20, env.retentionBytes());
        assertEquals(Durability.INTERVAL, env.durability());
        assertEquals(200, env.flushIntervalMs());
        TopicConfig rfid = c.topic("access.rfid").orElseThrow();
        assertEquals(Durability.ALWAYS, rfid.durability());
        assertEquals(10, rfid.priority());
        assertEquals(-1, rfid.retentionMs(), "forever keeps data without an age limit");
        assertEquals(TopicConfig.builder("io.gpio").build(), c.topic("io.gpio").orElseThrow(),
                "an empty topic mapping takes the log's defaults");

        assertEquals(List.of("hall-climate", "attic-climate", "door"), c.devices().stream().map(DeviceConfig::id).toList());
        Bme280Options hall = (Bme280Options) c.device("hall-climate").orElseThrow().device().options();
        assertEquals(30, hall.periodSeconds());
        assertEquals(0x77, hall.address(), "hex numbers are read as YAML 1.1 integers");
        assertEquals(60, ((Bme280Options) c.device("attic-climate").orElseThrow().device().options()).periodSeconds(),
                "options left out take the driver's defaults");
        assertEquals("io.gpio", c.device("door").orElseThrow().topic());

        assertEquals("kafka.example.net:9093", c.uplink().settings().get("bootstrap-servers"));
        Secret password = (Secret) ((Map<?, ?>) c.uplink().settings().get("sasl")).get("password");
        assertEquals("s3cret-Pa55", password.reveal());
        assertEquals(new WebConfig(8443, "0.0.0.0"), c.web());
        assertEquals(ConfigFixtures.FULL, c.sourceText());
    }

    @Test
    void secretsNeverAppearInPrintedConfig() throws Exception {
        GatewayConfig c = ConfigFixtures.reader(dir, ENV).read(ConfigFixtures.FULL, "gateway.yaml");
        assertFalse(c.toString().contains("s3cret"), c.toString());
        assertTrue(c.toString().contains("${env:KAFKA_PASSWORD}"), c.toString());
    }

    @Test
    void minimalConfigUsesDefaultsAndTheBoardSerial() throws Exception {
        GatewayConfig c = ConfigFixtures.reader(dir, Map.of()).read("board: laptop-sim\n", "min.yaml");
        assertEquals(ConfigFixtures.SERIAL, c.gatewayId());
        assertFalse(c.gatewayIdFromFile());
        assertEquals(ConfigFixtures.defaultTopics(), c.topics());
        assertEquals(List.of(), c.devices());
        assertEquals(-1, c.diskBudgetBytes());
        assertFalse(c.uplink().isConfigured());
        assertEquals(WebConfig.defaults(), c.web());
    }

    @Test
    void flowStyleAndQuotedNumbersAreAccepted() throws Exception {
        GatewayConfig c = ConfigFixtures.reader(dir, Map.of()).read("""
                board: "laptop-sim"
                devices: [{id: a, type: bme280, topic: sensors.environment, options: {period: "15"}}]
                web: {port: 9000}
                """, "flow.yaml");
        assertEquals(15, ((Bme280Options) c.devices().get(0).device().options()).periodSeconds());
        assertEquals(9000, c.web().port());
    }

    @Test
    void fileSecretsDropOneTrailingNewline() throws Exception {
        Path secret = Files.writeString(dir.resolve("kafka.password"), "from-file\n");
        GatewayConfig c = ConfigFixtures.reader(dir, Map.of()).read("board: b\nuplink:\n  kafka:\n    bootstrap.servers: k:9092\n"
                + "    ssl.key.password: ${file:" + secret + "}\n", "f.yaml");
        assertEquals("from-file", ((Secret) ((Map<?, ?>) c.uplink().settings().get("kafka")).get("ssl.key.password"))
                .reveal());
    }

    @Test
    void aSecretInADeviceOptionIsPassedToTheDriverButNeverPrinted() throws Exception {
        ConfigReader reader = ConfigFixtures.reader(dir, Map.of("LABEL", "hall", "BAD_LABEL", "Hall-X"));
        GatewayConfig ok = reader.read("board: b\ndevices:\n  - {id: d, type: test-contact, topic: io.gpio, "
                + "options: {pin: 4, label: '${env:LABEL}'}}\n", "s.yaml");
        assertInstanceOf(Secret.class, ok.devices().get(0).options().get("label"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader.read("board: b\ndevices:\n"
                + "  - {id: d, type: test-contact, topic: io.gpio, options: {pin: 4, label: '${env:BAD_LABEL}'}}\n",
                "s.yaml"));
        ConfigProblem p = e.problems().get(0);
        assertEquals("devices[0].options.label", p.path());
        assertTrue(p.message().startsWith("the value of ${env:BAD_LABEL} is invalid"), p.message());
        assertFalse(e.getMessage().contains("Hall-X"), e.getMessage());
    }

    @Test
    void filesThatCannotBeReadAreReportedAsProblems() throws Exception {
        ConfigReader reader = ConfigFixtures.reader(dir, Map.of());
        assertProblem(reader, dir.resolve("missing.yaml"), "does not exist");
        assertProblem(reader, dir, "is a directory");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "board: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(reader, latin1, "is not UTF-8 text");
        Path big = Files.write(dir.resolve("big.yaml"), new byte[(int) ConfigReader.MAX_FILE_BYTES + 1]);
        assertProblem(reader, big, "larger than 1 MiB");
        Path good = Files.writeString(dir.resolve("gateway.yaml"), "board: laptop-sim\n");
        assertEquals("laptop-sim", reader.read(good).board());
    }

    @Test
    void thePackagedExampleIsValid() throws Exception {
        // Tests run in the module folder; the example lives in the project's packaging folder.
        Path example = Path.of("..", "packaging", "gateway.yaml.example");
        GatewayConfig c = ConfigFixtures.reader(dir, ENV).read(example);
        assertEquals("gw-hall-01", c.gatewayId());
        assertEquals(List.of("sensors.environment", "access.rfid", "io.gpio"),
                c.topics().stream().map(TopicConfig::name).toList());
        assertEquals(1, c.devices().size());
        UplinkSettings.options(c);
        assertEquals("SCRAM-SHA-512", UplinkSettings.flat(c).get("kafka.sasl.mechanism"));
        assertEquals("kafka.example.net:9093", UplinkSettings.flat(c).get("kafka.bootstrap.servers"));
    }

    private static void assertProblem(ConfigReader reader, Path file, String message) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader.read(file));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(Location.wholeFile(file.toString()), e.problems().get(0).location());
        assertTrue(e.problems().get(0).message().contains(message), e.getMessage());
        assertFalse(e.problems().get(0).hint().isBlank());
    }
}
