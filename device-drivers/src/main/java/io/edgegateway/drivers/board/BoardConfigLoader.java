package io.edgegateway.drivers.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads board YAML files from a folder ({@code board-configs/} in the source tree, installed next to the
 * gateway) and checks each is self-consistent: physical pins 1..40 at most once, BCM numbers at most once,
 * every bus pin on the header, a known GPIO provider, and a chip label for real providers. A broken board file
 * is refused with its name and the reason, never half-loaded.
 */
public final class BoardConfigLoader {
    static final Set<String> PROVIDERS = Set.of("gpiod", "linuxfs", "mock");

    private final Path folder;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public BoardConfigLoader(Path folder) {
        this.folder = folder;
    }

    /** Loads {@code <folder>/<id>.yaml}. */
    public BoardConfig load(String id) throws BoardConfigException {
        if (!id.matches("[a-z0-9-]+")) {
            throw new BoardConfigException("board id '" + id + "' is not a file name of " + folder);
        }
        Path file = folder.resolve(id + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new BoardConfigException("no board config " + file + "; available: " + available());
        }
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (IOException e) {
            throw new BoardConfigException(file.getFileName() + ": not valid YAML: " + e.getMessage());
        }
        return parse(file.getFileName().toString(), root);
    }

    /** Board ids available in the folder. */
    public List<String> available() {
        List<String> ids = new ArrayList<>();
        try (var files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted()
                    .forEach(n -> ids.add(n.substring(0, n.length() - 5)));
        } catch (IOException e) {
            return ids;
        }
        return ids;
    }

    BoardConfig parse(String name, JsonNode root) throws BoardConfigException {
        List<String> problems = new ArrayList<>();
        String id = text(root, "board", problems);
        String provider = text(root.path("pi4j"), "gpio-provider", problems);
        String label = root.path("pi4j").path("gpio-chip-label").asText("");
        if (!provider.isEmpty() && !PROVIDERS.contains(provider)) {
            problems.add("pi4j.gpio-provider '" + provider + "' is not one of " + PROVIDERS);
        }
        if (!provider.equals("mock") && label.isEmpty()) {
            problems.add("pi4j.gpio-chip-label is required for provider " + provider);
        }
        List<Integer> ram = new ArrayList<>();
        root.path("ram-mb").forEach(n -> ram.add(n.asInt()));
        List<HeaderPin> header = new ArrayList<>();
        Set<Integer> physicals = new HashSet<>();
        Set<Integer> bcms = new HashSet<>();
        for (JsonNode p : root.path("header")) {
            int physical = p.path("physical").asInt(-1);
            Optional<Integer> bcm = p.has("bcm") ? Optional.of(p.get("bcm").asInt()) : Optional.empty();
            if (physical < 1 || physical > 40 || !physicals.add(physical)) {
                problems.add("header pin " + p + ": physical number missing, out of 1..40 or repeated");
            }
            if (bcm.isPresent() && !bcms.add(bcm.get())) {
                problems.add("header pin " + physical + ": BCM " + bcm.get() + " appears twice");
            }
            List<String> functions = new ArrayList<>();
            p.path("functions").forEach(f -> functions.add(f.asText()));
            header.add(new HeaderPin(physical, bcm, p.path("name").asText(""), functions));
        }
        Map<String, BoardBus> buses = new LinkedHashMap<>();
        var it = root.path("buses").fields();
        while (it.hasNext()) {
            var e = it.next();
            List<Integer> pins = new ArrayList<>();
            e.getValue().path("pins").forEach(n -> pins.add(n.asInt()));
            for (int pin : pins) {
                if (!bcms.contains(pin)) {
                    problems.add("bus " + e.getKey() + " names GPIO " + pin + ", which is not on the header");
                }
            }
            buses.put(e.getKey(), new BoardBus(e.getKey(), e.getValue().path("device").asText(""), pins,
                    e.getValue().path("enabled").asBoolean(false)));
        }
        if (!problems.isEmpty()) {
            throw new BoardConfigException(name + ": " + String.join("; ", problems));
        }
        return new BoardConfig(id, root.path("model").asText(id), ram, provider, label, header, buses);
    }

    private static String text(JsonNode node, String field, List<String> problems) {
        String v = node.path(field).asText("");
        if (v.isEmpty()) {
            problems.add("'" + field + "' is missing");
        }
        return v;
    }
}
