package io.edgegateway.drivers.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionSchemaTest {
    private final OptionSchema schema = new OptionSchema("demo", List.of(
            OptionSpec.integer("period", "s").withDefault(60).withRange(1, 86_400).describedAs("poll period"),
            OptionSpec.decimal("offset", "°C").withDefault(0.0).withRange(-10, 10),
            OptionSpec.bool("inverted").withDefault(false),
            OptionSpec.choice("edge", "rising", "falling", "both").withDefault("both"),
            OptionSpec.string("path").withPattern("/dev/.+"),
            OptionSpec.gpioPin("pin").withDefault(17)));

    @Test
    void defaultsFillMissingKeys() throws Exception {
        OptionValues v = schema.parse(Map.of("path", "/dev/ttyAMA0"));
        assertEquals(60, v.getLong("period"));
        assertEquals(0.0, v.getDouble("offset"));
        assertEquals(false, v.getBoolean("inverted"));
        assertEquals("both", v.getString("edge"));
        assertEquals(17, v.getInt("pin"));
    }

    @Test
    void acceptsYamlStyleValues() throws Exception {
        OptionValues v = schema.parse(Map.of("path", "/dev/x", "period", "30", "offset", 1, "inverted", "TRUE",
                "pin", 4.0));
        assertEquals(30, v.getLong("period"));
        assertEquals(1.0, v.getDouble("offset"));
        assertTrue(v.getBoolean("inverted"));
        assertEquals(4, v.getInt("pin"));
    }

    @Test
    void unknownKeyGetsDidYouMean() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> schema.parse(Map.of("path", "/dev/x", "perod", 5)));
        assertEquals("perod", e.problems().get(0).key());
        assertTrue(e.getMessage().contains("did you mean 'period'"), e.getMessage());
    }

    @Test
    void unrelatedUnknownKeyListsKnownKeys() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> schema.parse(Map.of("path", "/dev/x", "colour", "red")));
        assertTrue(e.getMessage().contains("known options are [period, offset"), e.getMessage());
    }

    @Test
    void outOfRangeNamesKeyUnitAndLimits() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> schema.parse(Map.of("path", "/dev/x", "period", 0)));
        assertEquals("option 'period': 0 is outside the limits of s between 1 and 86400",
                e.problems().get(0).toString());
    }

    @Test
    void wrongTypeNamesKeyUnitAndLimits() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> schema.parse(Map.of("path", "/dev/x", "period", "soon", "offset", 12.5)));
        assertEquals(2, e.problems().size());
        assertEquals("option 'period': expected a whole number of s between 1 and 86400, got 'soon'",
                e.problems().get(0).toString());
        assertEquals("option 'offset': 12.5 is outside the limits of °C between -10 and 10",
                e.problems().get(1).toString());
    }

    @Test
    void fractionalIntegerRejected() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> schema.parse(Map.of("path", "/dev/x", "pin", 4.5)));
        assertTrue(e.getMessage().contains("'pin': expected a whole number of BCM GPIO between 0 and 27"),
                e.getMessage());
    }

    @Test
    void badChoiceSuggestsClosest() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> schema.parse(Map.of("path", "/dev/x", "edge", "risign")));
        assertTrue(e.getMessage().contains("did you mean 'rising'"), e.getMessage());
    }

    @Test
    void requiredKeyAndPatternReported() {
        InvalidOptionsException missing = assertThrows(InvalidOptionsException.class, () -> schema.parse(null));
        assertTrue(missing.getMessage().contains("'path': is required"), missing.getMessage());
        InvalidOptionsException bad = assertThrows(InvalidOptionsException.class,
                () -> schema.parse(Map.of("path", "COM3")));
        assertTrue(bad.getMessage().contains("does not match /dev/.+"), bad.getMessage());
    }

    @Test
    void duplicateKeysRefusedAtDeclaration() {
        assertThrows(IllegalArgumentException.class, () -> new OptionSchema("x",
                List.of(OptionSpec.bool("a").withDefault(true), OptionSpec.bool("a").withDefault(false))));
    }

    @Test
    void specsAreEnumerableInOrder() {
        assertEquals(List.of("period", "offset", "inverted", "edge", "path", "pin"),
                schema.specs().stream().map(OptionSpec::key).toList());
        assertEquals(OptionRole.GPIO_PIN, schema.spec("pin").role());
        assertTrue(schema.spec("path").required());
    }

    @Test
    void suggestionDistance() {
        assertEquals(1, Suggestions.distance("perod", "period"));
        assertEquals(0, Suggestions.distance("", ""));
        assertTrue(Suggestions.closest("xyz", List.of("period")).isEmpty());
    }
}
