package io.edgegateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config cut short (a full disk while saving, a copy interrupted) must give either a valid result or clear
 * problems with locations inside the file, never an exception escaping the reader.
 */
class TruncatedConfigTest {
    private static final Map<String, String> ENV = Map.of("KAFKA_PASSWORD", "pw");
    @TempDir
    Path dir;

    @Test
    void cutAtEveryLine() throws Exception {
        ConfigReader reader = ConfigFixtures.reader(dir, ENV);
        String[] lines = ConfigFixtures.FULL.split("\n", -1);
        Map<Integer, String> refused = new TreeMap<>();
        for (int n = 0; n <= lines.length; n++) {
            String text = String.join("\n", Arrays.copyOf(lines, n));
            String problems = outcome(reader, text, n, true);
            if (problems != null) {
                refused.put(n, problems);
            }
        }
        // Cut before the board line there is no board; cut inside a device, the device lacks its type, topic
        // or (for the contact) its pin; cut inside the uplink's sasl login, it lacks its password. Every other cut
        // ends at a complete setting and is a smaller valid config.
        Map<Integer, String> expected = new TreeMap<>();
        for (int n = 0; n <= 1; n++) {
            expected.put(n, "the file is empty");
        }
        for (int n = 2; n <= 3; n++) {
            expected.put(n, "board: is required");
        }
        expected.put(22, "devices[0].type: is required; devices[0].topic: is required");
        expected.put(23, "devices[0].topic: is required");
        expected.put(28, "devices[1].type: is required; devices[1].topic: is required");
        expected.put(29, "devices[1].topic: is required");
        expected.put(31, "devices[2].type: is required; devices[2].topic: is required");
        expected.put(32, "devices[2].topic: is required");
        expected.put(33, "devices[2].options.pin: is required (integer of BCM GPIO between 0 and 27)");
        expected.put(34, "devices[2].options.pin: is required (integer of BCM GPIO between 0 and 27)");
        expected.put(39, "uplink.sasl: sasl.password is required");
        assertEquals(expected, refused);
    }

    @Test
    void cutAtEveryCharacter() throws Exception {
        ConfigReader reader = ConfigFixtures.reader(dir, ENV);
        String full = ConfigFixtures.FULL;
        for (int n = 0; n <= full.length(); n++) {
            outcome(reader, full.substring(0, n), n, false);
        }
    }

    /**
     * Reads the text; null if valid, else the problems as "path: message; ..." after checking each has a
     * location inside the text, a message and a hint. Fails on anything escaping the reader.
     */
    private static String outcome(ConfigReader reader, String text, int cut, boolean wholeLines) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        try {
            GatewayConfig c = reader.read(text, "cut.yaml");
            if (wholeLines) {
                assertEquals("raspberry-pi-4b", c.board(), "cut at " + cut);
            }
            return null;
        } catch (InvalidConfigException e) {
            assertFalse(e.problems().isEmpty());
            for (ConfigProblem p : e.problems()) {
                assertTrue(p.location().line() >= 1 && p.location().line() <= lines + 1,
                        "cut at " + cut + ": location inside the text: " + p);
                assertFalse(p.message().isBlank(), "cut at " + cut + ": " + p);
                assertFalse(p.hint().isBlank(), "cut at " + cut + ": " + p);
            }
            return e.problems().stream().map(p -> (p.path().isEmpty() ? "" : p.path() + ": ") + p.message())
                    .collect(Collectors.joining("; "));
        } catch (RuntimeException e) {
            fail("cut at " + cut + " escaped the reader: " + e + "\n---\n" + text, e);
            return null;
        }
    }
}
