package io.edgegateway.gateway.config;

import io.edgegateway.drivers.DriverRegistry;
import io.edgegateway.drivers.board.BoardConfig;
import io.edgegateway.drivers.board.BoardConfigException;
import io.edgegateway.drivers.board.BoardConfigLoader;
import io.edgegateway.drivers.board.BoardValidator;
import io.edgegateway.log.TopicConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates {@code gateway.yaml} into a {@link GatewayConfig}, or refuses it with every problem at
 * once ({@link InvalidConfigException}), each with file, line, column and a fix hint. The file's top level:
 *
 * <pre>
 * gateway: { id: gw-hall-01 }     # optional; default: the board serial, else the machine id
 * board: raspberry-pi-4b          # required
 * log: { disk-budget: 2GiB }      # optional
 * topics: { name: {settings} }    # optional; default: sensors.environment, access.rfid, io.gpio
 * devices: [ {id, type, topic, options} ]
 * uplink: { kafka: {...}, ... }   # optional; checked by the uplink's own rules; secrets as ${env:X} / ${file:/p}
 * web: { port: 8080, bind: 127.0.0.1 }
 * </pre>
 *
 * The driver registry, the machine identity and the secret resolver are parameters, so tests choose the
 * drivers, the serial number and the environment. Thread-safe: every read uses its own state.
 */
public final class ConfigReader {
    static final List<String> TOP_KEYS = List.of("gateway", "board", "log", "topics", "devices", "uplink", "web");
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final String GATEWAY_ID = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final DriverRegistry registry;
    private final MachineIdentity machine;
    private final SecretResolver secrets;
    private final List<TopicConfig> defaultTopics;
    private final Optional<BoardConfigLoader> boards;

    ConfigReader(DriverRegistry registry, MachineIdentity machine, SecretResolver secrets,
                 List<TopicConfig> defaultTopics) {
        this(registry, machine, secrets, defaultTopics, Optional.empty());
    }

    ConfigReader(DriverRegistry registry, MachineIdentity machine, SecretResolver secrets,
                 List<TopicConfig> defaultTopics, Optional<BoardConfigLoader> boards) {
        this.registry = registry;
        this.machine = machine;
        this.secrets = secrets;
        this.defaultTopics = List.copyOf(defaultTopics);
        this.boards = boards;
    }

    /** A reader with the real machine identity and process environment, without board checks. */
    public static ConfigReader system(DriverRegistry registry, List<TopicConfig> defaultTopics) {
        return new ConfigReader(registry, MachineIdentity.system(), SecretResolver.system(), defaultTopics);
    }

    /**
     * A reader that also checks the board: it must be one of the board files in {@code boardFolder}, and the
     * devices' pins and buses must fit it (free, on the header, not reserved, bus enabled).
     */
    public static ConfigReader system(DriverRegistry registry, List<TopicConfig> defaultTopics, Path boardFolder) {
        return new ConfigReader(registry, MachineIdentity.system(), SecretResolver.system(), defaultTopics,
                Optional.of(new BoardConfigLoader(boardFolder)));
    }

    /** Whether board names and pins are checked. */
    public boolean checksBoards() {
        return boards.isPresent();
    }

    /** Reads a config file; the problems name the file as given. */
    public GatewayConfig read(Path file) throws InvalidConfigException {
        String name = file.toString();
        Location whole = Location.wholeFile(name);
        try {
            if (Files.isDirectory(file)) {
                throw invalid(whole, "is a directory, not a config file", "name the gateway.yaml file inside it");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw invalid(whole, "is larger than 1 MiB; this is not a gateway config", "check the file name");
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return read(text, name);
        } catch (NoSuchFileException e) {
            throw invalid(whole, "does not exist", "check the path, or start from the example config");
        } catch (CharacterCodingException e) {
            throw invalid(whole, "is not UTF-8 text", "save the file as UTF-8");
        } catch (IOException e) {
            throw invalid(whole, "cannot be read: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    "check that the gateway's user may read it");
        }
    }

    private static InvalidConfigException invalid(Location where, String message, String hint) {
        return new InvalidConfigException(List.of(new ConfigProblem(where, "", message, hint)));
    }

    /** Reads config text (a file's content, or an edit from the web page); {@code fileName} labels problems. */
    public GatewayConfig read(String text, String fileName) throws InvalidConfigException {
        Problems problems = new Problems();
        Optional<YamlNode> root = new YamlTreeReader(fileName, problems).read(text);
        if (root.isEmpty()) {
            throw new InvalidConfigException(problems.list());
        }
        if (root.get() instanceof YamlNode.Scalar s && s.isNull()) {
            throw invalid(new Location(fileName, 1, 1), "the file is empty",
                    "start from the example config; at least 'board:' and 'devices:' are needed");
        }
        if (!(root.get() instanceof YamlNode.Mapping)) {
            throw invalid(root.get().location(), "expected a mapping of settings at the top level, found "
                    + root.get().describe(), "write key: value lines starting at column 1, e.g. board: raspberry-pi-4b");
        }
        Section top = Section.of(root.get(), "", new Location(fileName, 1, 1), problems, "board: raspberry-pi-4b");
        top.allowOnly(TOP_KEYS);

        Section gateway = section(top, "gateway", problems, "id: gw-hall-01");
        gateway.allowOnly(List.of("id"));
        String board = board(top, problems);
        Section log = section(top, "log", problems, "disk-budget: 2GiB");
        log.allowOnly(List.of("disk-budget"));
        long budget = log.size("disk-budget", -1, 1 << 20, Long.MAX_VALUE, "unlimited");
        List<TopicConfig> topics = defaultTopics;
        Set<String> topicNames = topics.stream().map(TopicConfig::name).collect(Collectors.toCollection(LinkedHashSet::new));
        if (top.entry("topics").isPresent()) {
            Section section = section(top, "topics", problems, "sensors.environment: {partitions: 4}");
            topics = new TopicsReader(problems).read(section);
            // Devices may name a topic whose settings have a problem: that problem is reported once, at the topic.
            topicNames = new LinkedHashSet<>(section.entries().keySet());
        }
        DevicesReader devicesReader = new DevicesReader(registry, secrets, problems, boards.isEmpty());
        Set<String> deviceTopics = topicNames;
        List<DeviceConfig> devices = top.entry("devices").map(e -> devicesReader.read(e, deviceTopics))
                .orElse(List.of());
        boards.ifPresent(loader -> checkBoard(loader, top, board, devices, devicesReader.locations(), problems));
        UplinkReader uplinkReader = new UplinkReader(secrets, problems);
        int before = problems.size();
        UplinkConfig uplink = top.entry("uplink").map(uplinkReader::read).orElse(UplinkConfig.none());
        boolean uplinkReadable = problems.size() == before;
        WebConfig web = web(section(top, "web", problems, "port: 8080"), problems);
        String id = gatewayId(gateway, problems);
        if (uplinkReadable && id.matches(GATEWAY_ID)) {
            // After the id and topics, which are the uplink's defaults; a section whose secrets failed is not
            // checked again, so each mistake is reported once.
            new UplinkCheck(problems, uplinkReader.locations(), uplinkReader.section())
                    .check(uplink, id, List.copyOf(topicNames));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems.list());
        }
        return new GatewayConfig(id, gateway.entry("id").isPresent(), board, devices, topics, budget, uplink, web, text);
    }

    /** Loads the named board and checks every device's pins and buses against it. */
    private static void checkBoard(BoardConfigLoader loader, Section top, String board, List<DeviceConfig> devices,
                                   Map<String, Location> deviceAt, Problems problems) {
        Optional<YamlNode.Entry> entry = top.entry("board");
        if (board.isEmpty() || entry.isEmpty() || !board.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            return;
        }
        List<String> known = loader.available();
        if (!known.contains(board)) {
            problems.add(entry.get().value().location(), "board", "there is no board config for '" + board + "'",
                    known.isEmpty() ? "install the board configs" : DidYouMean.hint(board, known));
            return;
        }
        BoardConfig config;
        try {
            config = loader.load(board);
        } catch (BoardConfigException e) {
            problems.add(entry.get().value().location(), "board", "the board config is broken: " + e.getMessage(),
                    "fix or reinstall the board file");
            return;
        }
        List<BoardValidator.DeviceWiring> wiring = devices.stream()
                .map(d -> new BoardValidator.DeviceWiring(d.id(), d.device().wiring())).toList();
        for (BoardValidator.Problem p : BoardValidator.validate(config, wiring)) {
            problems.add(deviceAt.getOrDefault(p.deviceId(), entry.get().value().location()),
                    "devices." + p.deviceId(), p.message(), "see the pin map in the board config " + board
                    + ".yaml; every device needs its own free pins and enabled buses");
        }
    }

    private static Section section(Section top, String key, Problems problems, String example) {
        return top.entry(key).map(e -> Section.of(e.value(), key, e.keyLocation(), problems, example))
                .orElseGet(() -> Section.of(new YamlNode.Scalar(top.location(), null, ""), key, top.location(),
                        problems, example));
    }

    private static String board(Section top, Problems problems) {
        Optional<String> board = top.text("board", "name the board, e.g. board: raspberry-pi-4b (laptop-sim to simulate)");
        if (board.isPresent() && !board.get().matches("[a-z0-9][a-z0-9-]{0,63}")) {
            problems.add(top.entry("board").orElseThrow().value().location(), "board", "'" + board.get()
                    + "' is not a board name", "board names are lower-case with dashes, e.g. raspberry-pi-4b");
        }
        return board.orElse("");
    }

    private String gatewayId(Section gateway, Problems problems) {
        Optional<String> id = gateway.text("id", null);
        if (id.isPresent()) {
            if (!id.get().matches(GATEWAY_ID)) {
                problems.add(gateway.entry("id").orElseThrow().value().location(), "gateway.id", "'" + id.get()
                        + "' is not a valid gateway id", "use 1 to 64 of a-z A-Z 0-9 . _ - (it becomes part of Kafka ids)");
            }
            return id.get();
        }
        Optional<String> fromMachine = machine.id();
        if (fromMachine.isEmpty()) {
            problems.add(gateway.location(), "gateway.id", "is not set and this machine has no board serial or machine id",
                    "set it under gateway:, e.g. id: gw-hall-01");
            return "";
        }
        return fromMachine.get();
    }

    private static WebConfig web(Section web, Problems problems) {
        web.allowOnly(List.of("port", "bind"));
        int port = (int) web.integer("port", 1, 65535, WebConfig.DEFAULT_PORT, "");
        String bind = web.text("bind", null).orElse(WebConfig.DEFAULT_BIND);
        if (!isAddressLiteral(bind)) {
            problems.add(web.entry("bind").orElseThrow().value().location(), "web.bind", "'" + bind
                    + "' is not an IP address", "use 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one "
                    + "interface's address; host names are refused so start-up never waits for DNS");
            bind = WebConfig.DEFAULT_BIND;
        }
        return new WebConfig(port, bind);
    }

    /** An IPv4 or IPv6 literal; checked without name resolution (an IPv6 literal never triggers a lookup). */
    static boolean isAddressLiteral(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
