package io.edgegateway.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns YAML text into a {@link YamlNode} tree with locations, using Jackson's YAML token stream. Refuses what
 * the config format does not allow, each as a problem with a location: syntax errors, duplicate keys (YAML
 * forbids them, but parsers silently keep the last), aliases ({@code *name}: Jackson would read the alias name
 * as a string), more than one document, and nesting deeper than {@value #MAX_DEPTH}.
 */
final class YamlTreeReader {
    static final int MAX_DEPTH = 32;
    private static final YAMLFactory YAML = new YAMLFactory();

    private final String file;
    private final Problems problems;

    YamlTreeReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The document's root, or empty when the text is not usable YAML (the problem is recorded). */
    Optional<YamlNode> read(String text) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Optional.of(new YamlNode.Scalar(new Location(file, 1, 1), null, ""));
            }
            YamlNode root = node(p, 0);
            if (root == null) {
                return Optional.empty();
            }
            JsonToken extra = p.nextToken();
            if (extra != null) {
                problems.add(here(p), "", "the file holds more than one YAML document",
                        "keep one document: remove the '---' line and what follows, or merge the documents");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            Location where = errorLocation(e);
            problems.add(where, "", "not valid YAML: " + syntaxMessage(e),
                    "check indentation (spaces only, no tabs), colons after keys, and closing quotes and brackets");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Jackson's YAML layer reports some malformed input (bad escapes, odd characters) as unchecked errors.
            problems.add(Location.wholeFile(file), "", "not valid YAML: " + e.getMessage(),
                    "check the file is plain UTF-8 text in YAML syntax");
            return Optional.empty();
        }
    }

    /** Reads the value starting at the current token; null when a problem ended reading. */
    private YamlNode node(JsonParser p, int depth) throws IOException {
        Location where = here(p);
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            problems.add(where, "", "YAML aliases ('*" + p.getText() + "') are not supported",
                    "write the value out in full instead of referring to an anchor");
            return null;
        }
        if (depth > MAX_DEPTH) {
            problems.add(where, "", "nested more than " + MAX_DEPTH + " levels deep", "flatten the structure");
            return null;
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT:
                return mapping(p, depth, where);
            case START_ARRAY:
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    YamlNode item = node(p, depth + 1);
                    if (item == null) {
                        return null;
                    }
                    items.add(item);
                }
                return new YamlNode.Sequence(where, items);
            case VALUE_STRING:
                return new YamlNode.Scalar(where, p.getText(), p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(where, p.getNumberValue(), p.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(where, t == JsonToken.VALUE_TRUE, p.getText());
            case VALUE_NULL:
                return new YamlNode.Scalar(where, null, "");
            default:
                // Embedded objects (binary tags) and the like have no meaning in a config file.
                problems.add(where, "", "unsupported YAML value " + t, "write plain text, numbers, lists and mappings");
                return null;
        }
    }

    private YamlNode mapping(JsonParser p, int depth, Location where) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Location keyAt = here(p);
            p.nextToken();
            YamlNode value = node(p, depth + 1);
            if (value == null) {
                return null;
            }
            YamlNode.Entry previous = entries.putIfAbsent(key, new YamlNode.Entry(key, keyAt, value));
            if (previous != null) {
                problems.add(keyAt, "", "key '" + key + "' appears twice in the same mapping (first at line "
                        + previous.keyLocation().line() + ")", "keep one of them");
            }
        }
        return new YamlNode.Mapping(where, entries);
    }

    /**
     * SnakeYAML (the parser under jackson-dataformat-yaml, pinned by it) has a "problem mark": where it gave up (the tab, the end of the stream); Jackson's own
     * location is the token before it. The problem mark is what a person needs to look at.
     */
    private Location errorLocation(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            return new Location(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1);
        }
        JsonLocation l = e.getLocation();
        return l == null ? Location.wholeFile(file)
                : new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private Location here(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /**
     * SnakeYAML's message spans several lines: a context, the problem, and snippets with carets. Keeps the lines
     * that say something (they start at column 0), since the location is reported separately.
     */
    static String syntaxMessage(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
        List<String> kept = new ArrayList<>();
        for (String line : original.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                kept.add(line.strip());
            }
        }
        return kept.isEmpty() ? original.strip() : String.join(": ", kept);
    }
}
