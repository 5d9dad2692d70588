package io.edgegateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Every kind of mistake gets its own specific message at the right line and column, with a fix hint. Each
 * case is a whole file; the expected problem is the only one in it.
 */
class BadConfigTest {
    private static final String B = "board: b\n";
    private static final String DEV = B + "devices:\n  - id: a\n    type: bme280\n    topic: sensors.environment\n";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, yaml, line:col, path, message fragment, hint fragment
                bad("only a comment", "# nothing here\n", "1:1", "", "the file is empty", "example config"),
                bad("unclosed bracket", "board: [b\n", "2:1", "", "not valid YAML", "closing quotes and brackets"),
                bad("tab indentation", B + "web:\n\tport: 1\n", "3:1", "", "not valid YAML: ", "no tabs"),
                bad("duplicate key", B + "board: c\n", "2:1", "", "key 'board' appears twice in the same mapping (first at line 1)", "keep one"),
                bad("alias", "board: &x b\nweb:\n  bind: *x\n", "3:9", "", "YAML aliases ('*x') are not supported", "write the value out"),
                bad("two documents", B + "---\nboard: c\n", "3:1", "", "more than one YAML document", "remove the '---'"),
                bad("top level is a list", "- board: b\n", "1:1", "", "expected a mapping of settings at the top level, found a list", "starting at column 1"),
                bad("unknown top-level key", B + "devics: []\n", "2:1", "devics", "unknown setting 'devics'", "did you mean 'devices'?"),
                bad("unknown key, nothing close", B + "colour: red\n", "2:1", "colour", "unknown setting 'colour'", "use one of gateway, board, log"),
                bad("board missing", "web: {port: 80}\n", "1:1", "board", "is required", "board: raspberry-pi-4b"),
                bad("board with spaces", "board: Raspberry Pi\n", "1:8", "board", "'Raspberry Pi' is not a board name", "lower-case with dashes"),
                bad("board is a list", "board: [a, b]\n", "1:8", "board", "expected a text value, found a list", "name the board"),
                bad("gateway id with a space", "gateway:\n  id: gw hall\n" + B, "2:7", "gateway.id", "'gw hall' is not a valid gateway id", "1 to 64"),
                bad("gateway key misspelt", "gateway:\n  idd: x\n" + B, "2:3", "gateway.idd", "unknown setting 'idd' in gateway", "did you mean 'id'?"),
                bad("gateway is text", "gateway: gw-1\n" + B, "1:10", "gateway", "expected a mapping of settings, found the text 'gw-1'", "id: gw-hall-01"),
                bad("devices is a mapping", B + "devices:\n  hall: {}\n", "3:3", "devices", "expected a list of devices, found a mapping", "- id:"),
                bad("device is a scalar", B + "devices:\n  - hall\n", "3:5", "devices[0]", "expected a device (id, type, topic, options), found the text 'hall'", "after '- '"),
                bad("device without id", B + "devices:\n  - type: bme280\n    topic: io.gpio\n", "3:5", "devices[0].id", "is required", "id: hall-climate"),
                bad("device id with a space", B + "devices:\n  - id: hall climate\n    type: bme280\n    topic: io.gpio\n", "3:9", "devices[0].id", "'hall climate' is not a valid device id", "1 to 64"),
                bad("duplicate device id", DEV + "  - id: a\n    type: bme280\n    topic: io.gpio\n", "6:9", "devices[1].id", "device id 'a' is already used at line 3", "its own id"),
                bad("unknown driver type", B + "devices:\n  - id: a\n    type: bme28\n    topic: io.gpio\n", "4:11", "devices[0].type", "unknown driver type 'bme28'", "did you mean 'bme280'?"),
                bad("driver type missing", B + "devices:\n  - id: a\n    topic: io.gpio\n", "3:5", "devices[0].type", "is required", "one of: bme280, test-contact"),
                bad("topic misspelt", B + "devices:\n  - id: a\n    type: bme280\n    topic: sensors.enviroment\n", "5:12", "devices[0].topic", "topic 'sensors.enviroment' is not configured", "did you mean 'sensors.environment'?"),
                bad("topic missing", B + "devices:\n  - id: a\n    type: bme280\n", "3:5", "devices[0].topic", "is required", "sensors.environment, access.rfid, io.gpio"),
                bad("device key misspelt", DEV + "    optons: {}\n", "6:5", "devices[0].optons", "unknown setting 'optons' in devices[0]", "did you mean 'options'?"),
                bad("driver option misspelt", DEV + "    options:\n      perod: 30\n", "7:7", "devices[0].options.perod", "unknown option for bme280; did you mean 'period'?", "options of bme280 are: i2c-bus, address, period"),
                bad("driver option out of range", DEV + "    options:\n      period: 0\n", "7:15", "devices[0].options.period", "0 is outside the limits of s between 1 and 86400", "period: a whole number of s from 1 to 86400 (default 60). Time between measurements."),
                bad("driver option not a number", DEV + "    options:\n      period: soon\n", "7:15", "devices[0].options.period", "expected a whole number of s between 1 and 86400, got 'soon'", "(default 60)"),
                bad("driver option not a choice", DEV + "    options:\n      iir-filter: 3\n", "7:19", "devices[0].options.iir-filter", "value '3' is not one of [off, 2, 4, 8, 16]", "iir-filter: one of off, 2, 4, 8, 16 (default off)"),
                bad("driver option is a list", DEV + "    options:\n      period: [1]\n", "7:15", "devices[0].options.period", "expected a single value, found a list", "same line as the key"),
                bad("options is a number", DEV + "    options: 5\n", "6:14", "devices[0].options", "expected a mapping of settings, found the number 5", "period: 30"),
                bad("pin out of range", B + "devices:\n  - {id: a, type: test-contact, topic: io.gpio, options: {pin: 40}}\n", "3:64", "devices[0].options.pin", "40 is outside the limits of BCM GPIO between 0 and 27", "pin: a whole number of BCM GPIO from 0 to 27"),
                bad("pin used by two devices", B + "devices:\n  - {id: a, type: test-contact, topic: io.gpio, options: {pin: 17}}\n"
                        + "  - {id: b, type: test-contact, topic: io.gpio, options: {pin: 17}}\n", "4:64", "devices[1].options.pin", "GPIO 17 is already used by device 'a' (option 'pin')", "free pin"),
                bad("partitions zero", B + "topics:\n  t:\n    partitions: 0\n", "4:17", "topics.t.partitions", "0 is out of range", "whole number between 1 and 1024"),
                bad("retention without unit", B + "topics:\n  t:\n    retention: 7\n", "4:16", "topics.t.retention", "the number 7 has no unit", "write 7s for seconds or 7ms for milliseconds"),
                bad("retention in words", B + "topics:\n  t:\n    retention: a week\n", "4:16", "topics.t.retention", "expected a duration, found the text 'a week'", "ms, s, m, h or d (e.g. 30s, 7d), or forever"),
                bad("durability misspelt", B + "topics:\n  t:\n    durability: alwayz\n", "4:17", "topics.t.durability", "'alwayz' is not one of always, interval, os", "did you mean 'always'?"),
                bad("topic setting misspelt", B + "topics:\n  t:\n    retension: 7d\n", "4:5", "topics.t.retension", "unknown setting 'retension' in topics.t", "did you mean 'retention'?"),
                bad("topic name with a slash", B + "topics:\n  sensors/env: {}\n", "3:3", "topics.sensors/env", "'sensors/env' is not a valid topic name", "a-z A-Z 0-9 . _ -"),
                bad("flush bytes in words", B + "topics:\n  t:\n    flush-bytes: often\n", "4:18", "topics.t.flush-bytes", "expected a size, found the text 'often'", "or none"),
                bad("retention bytes in words", B + "topics:\n  t:\n    retention-bytes: lots\n", "4:22", "topics.t.retention-bytes", "expected a size, found the text 'lots'", "512MiB), or unlimited"),
                bad("record larger than segment", B + "topics:\n  t:\n    segment-bytes: 4KiB\n    max-record-bytes: 8KiB\n", "3:3", "topics.t", "maxRecordBytes=8192 must be 64..min(64 MiB, segmentBytes - 56)", "smaller than segment-bytes"),
                bad("topics is a list", B + "topics: [a]\n", "2:9", "topics", "expected a mapping of settings, found a list", "sensors.environment: {partitions: 4}"),
                bad("disk budget in bananas", B + "log:\n  disk-budget: 10 bananas\n", "3:16", "log.disk-budget", "expected a size, found the text '10 bananas'", "512MiB), or unlimited"),
                bad("disk budget too small", B + "log:\n  disk-budget: 64KiB\n", "3:16", "log.disk-budget", "64KiB is out of range", "between 1048576 and"),
                bad("port too large", B + "web:\n  port: 70000\n", "3:9", "web.port", "70000 is out of range", "whole number between 1 and 65535"),
                bad("port in words", B + "web:\n  port: http\n", "3:9", "web.port", "expected a whole number, found the text 'http'", "(default 8080)"),
                bad("bind to a host name", B + "web:\n  bind: example.com\n", "3:9", "web.bind", "'example.com' is not an IP address", "never waits for DNS"),
                bad("bind to a bad IPv4", B + "web:\n  bind: 300.1.1.1\n", "3:9", "web.bind", "'300.1.1.1' is not an IP address", "0.0.0.0"),
                bad("web key misspelt", B + "web:\n  prot: 8080\n", "3:3", "web.prot", "unknown setting 'prot' in web", "did you mean 'port'?"),
                bad("web is a number", B + "web: 8080\n", "2:6", "web", "expected a mapping of settings, found the number 8080", "port: 8080"),
                bad("secret env unset", B + "uplink:\n  password: ${env:KAFKA_PASSWORD}\n", "3:13", "uplink.password", "environment variable KAFKA_PASSWORD is not set", "EnvironmentFile="),
                bad("secret file missing", B + "uplink:\n  password: ${file:/no/such/secret}\n", "3:13", "uplink.password", "secret file /no/such/secret does not exist", "chmod 600"),
                bad("secret inside text", B + "uplink:\n  url: https://u:${env:P}@host\n", "3:8", "uplink.url", "a secret reference must be the whole value", "password: ${file:"),
                bad("secret env bad name", B + "uplink:\n  sasl:\n    password: ${env:1X}\n", "4:15", "uplink.sasl.password", "'1X' is not an environment variable name", "${env:KAFKA_PASSWORD}"),
                bad("secret file relative", B + "uplink:\n  password: ${file:kafka.pw}\n", "3:13", "uplink.password", "secret file 'kafka.pw' is not an absolute path", "write the full path"),
                bad("secret in a list", B + "uplink:\n  servers: [a, '${env:NOPE}']\n", "3:16", "uplink.servers[1]", "environment variable NOPE is not set", "Environment="),
                bad("uplink is a list", B + "uplink: [a]\n", "2:9", "uplink", "expected a mapping of uplink settings, found a list", "bootstrap-servers"),
                bad("nesting too deep", B + "uplink: " + "[".repeat(40) + "]".repeat(40) + "\n", "2:41", "", "nested more than 32 levels deep", "flatten"));
    }

    private static Arguments bad(String name, String yaml, String lineCol, String path, String message, String hint) {
        return Arguments.of(name, yaml, lineCol, path, message, hint);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMistakeHasItsMessage(String name, String yaml, String lineCol, String path, String message, String hint)
            throws Exception {
        ConfigReader reader = ConfigFixtures.reader(dir, Map.of());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader.read(yaml, "gw.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigProblem p = e.problems().get(0);
        assertEquals("gw.yaml:" + lineCol, p.location().toString(), e.getMessage());
        assertEquals(path, p.path(), e.getMessage());
        assertTrue(p.message().contains(message), "message: " + p.message());
        assertTrue(p.hint().contains(hint), "hint: " + p.hint());
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() throws Exception {
        String yaml = """
                board: Pi 4
                web:
                  port: 0
                devices:
                  - id: a
                    type: bme281
                    topic: t
                topics:
                  t:
                    durability: sometimes
                """;
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigFixtures.reader(dir, Map.of()).read(yaml, "gw.yaml"));
        assertEquals(List.of("board", "web.port", "devices[0].type", "topics.t.durability"),
                e.problems().stream().map(ConfigProblem::path).toList(), e.getMessage());
        assertTrue(e.getMessage().startsWith("4 problems in the configuration:\ngw.yaml:1:8: board: "), e.getMessage());
    }

    @Test
    void aMachineWithoutSerialNeedsAnExplicitId() {
        ConfigReader reader = new ConfigReader(ConfigFixtures.registry(), ConfigFixtures.anonymousMachine(dir),
                new SecretResolver(k -> null), ConfigFixtures.defaultTopics());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader.read(B, "gw.yaml"));
        ConfigProblem p = e.problems().get(0);
        assertEquals("gateway.id", p.path());
        assertEquals("is not set and this machine has no board serial or machine id", p.message());
        assertTrue(p.hint().contains("id: gw-hall-01"), p.hint());
    }

    @Test
    void problemsNeverRepeatASecretValue() throws Exception {
        ConfigReader reader = ConfigFixtures.reader(dir, Map.of("LABEL", "Top-Secret"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader.read(B
                + "devices:\n  - {id: a, type: test-contact, topic: io.gpio, options: {pin: 3, label: '${env:LABEL}'}}\n",
                "gw.yaml"));
        assertFalse(e.getMessage().contains("Top-Secret"), e.getMessage());
        assertTrue(e.getMessage().contains("value '***' does not match [a-z]*"), e.getMessage());
    }
}
