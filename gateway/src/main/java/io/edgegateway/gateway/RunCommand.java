package io.edgegateway.gateway;

import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.DriverRegistry;
import io.edgegateway.drivers.ExecutorScheduler;
import io.edgegateway.drivers.board.BoardConfigException;
import io.edgegateway.drivers.board.BoardConfigLoader;
import io.edgegateway.drivers.bus.hardware.BoardHardware;
import io.edgegateway.drivers.sim.MosquittoBroker;
import io.edgegateway.gateway.config.ConfigReader;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.gateway.config.InvalidConfigException;
import io.edgegateway.gateway.clock.BootId;
import io.edgegateway.gateway.clock.ClockStamp;
import io.edgegateway.gateway.clock.ClockSync;
import io.edgegateway.gateway.clock.ClockSources;
import io.edgegateway.gateway.clock.GpsTime;
import io.edgegateway.gateway.clock.TimestampCorrector;
import io.edgegateway.gateway.config.MachineIdentity;
import io.edgegateway.gateway.ops.GatewayMetrics;
import io.edgegateway.gateway.ops.OpsServer;
import io.edgegateway.gateway.ops.SystemdNotifier;
import io.edgegateway.gateway.ops.UplinkMetrics;
import io.edgegateway.gateway.state.InventoryFeed;
import io.edgegateway.gateway.state.StateStore;
import io.edgegateway.gateway.wiring.CorrectedTimestamps;
import io.edgegateway.gateway.wiring.DeviceHardware;
import io.edgegateway.gateway.wiring.EventProcessor;
import io.edgegateway.gateway.wiring.GatewayRuntime;
import io.edgegateway.gateway.wiring.ReconfigurationException;
import io.edgegateway.gateway.wiring.UplinkControl;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-gateway run}: reads and validates the config (or, with {@code --simulate} and no config,
 * generates one with a simulated device of every driver type), opens the log in the data directory, creates
 * the topics and starts the devices, on the real buses of the config's board, or on simulated chips with
 * {@code --simulate}, printing rates every second until stopped. Ctrl-C or SIGTERM stops the
 * devices, waits a bounded time for appends in flight, and flushes and closes the log. With {@code --config},
 * edits to the file are validated and applied live, restarting only the devices and topics that changed.
 * Every applied config is stored as a revision in the state database, and start, stop and config changes
 * go to its audit log. {@code /healthz}, {@code /readyz} and {@code /metrics} are served on the web listener,
 * and under systemd the gateway reports readiness and pings the watchdog. With an {@code uplink} section the
 * log's topics are forwarded to the central Kafka cluster, with timestamps of unsynchronized events corrected;
 * an edit of that section restarts only the uplink, and shutdown closes it before the log.
 */
@Command(name = "run", description = "Run the gateway.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    /** Appends that may wait for the log before device events are dropped: about 10 s at 1,000 events/s. */
    private static final int MAX_IN_FLIGHT = 10_000;
    /** How long shutdown waits for appends in flight; the shutdown hook waits a little longer for all of it. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** The most closing the uplink takes: its current batch finishes or its transaction is aborted. */
    private static final Duration UPLINK_CLOSE = Duration.ofSeconds(20);
    /** The SQLite state (config revisions, users, inventory, audit) next to the log's folders. */
    static final String STATE_FILE = "state.db";
    /** How often the inventory is brought up to date; once per event would make SQLite the bottleneck. */
    private static final long INVENTORY_FLUSH_MS = 1_000;
    /** Devices and tags the inventory holds between flushes; far more than a gateway has. */
    private static final int INVENTORY_KEYS = 4_096;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway.yaml to run.")
    Path config;

    @Option(names = "--data-dir", defaultValue = "data", description = "Log directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--simulate", description = "Run the devices against simulated chips instead of hardware.")
    boolean simulate;

    @Option(names = "--rate", defaultValue = "0",
            description = "Also append this many synthetic events per second, for load tests (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "0",
            description = "Stop after this many seconds; 0 runs until stopped (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--boards", defaultValue = "board-configs", paramLabel = "DIR",
            description = "Folder of board configs the board and pins are checked against (default: ${DEFAULT-VALUE}).")
    Path boards;

    @Option(names = "--web-port", paramLabel = "PORT",
            description = "Listen on this port instead of web.port from the config; 0 picks a free one.")
    Integer webPort;

    @Option(names = "--config-check", defaultValue = "2", paramLabel = "SECONDS",
            description = "How often to look for edits of --config (default: ${DEFAULT-VALUE}).")
    long configCheckSeconds;

    /** URI of the broker started for the generated config's mqtt-subscriber; null when there is none. */
    private String simulationBroker;
    /** The board whose real buses the devices run on; null with --simulate. */
    private BoardHardware board;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        try (MosquittoBroker broker = config == null ? simulationBroker() : null) {
            simulationBroker = broker == null ? null : broker.uri();
            return runWithBroker();
        }
    }

    /**
     * A broker of its own for the generated config's mqtt-subscriber, or null without mosquitto, in which case
     * the config has no such device. A user's config names its own brokers, so none is started for it.
     */
    private MosquittoBroker simulationBroker() {
        if (MosquittoBroker.binary().isEmpty()) {
            LOG.info("mosquitto is not installed, so the simulated config has no mqtt-subscriber device");
            return null;
        }
        try {
            return MosquittoBroker.start(dataDir.resolve("simulation").resolve("mosquitto"));
        } catch (IOException e) {
            LOG.warn("the simulated config has no mqtt-subscriber device: its broker did not start: {}",
                    e.getMessage());
            return null;
        }
    }

    private Integer runWithBroker() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DriverRegistry registry = BuiltInDrivers.registry();
        ConfigReader reader = ValidateCommand.reader(boards);
        if (!reader.checksBoards()) {
            LOG.warn("no board folder {}; the board and device pins are not checked", boards);
        }
        GatewayConfig first;
        try {
            first = config != null ? reader.read(config)
                    : reader.read(SimulationConfig.text(registry, MachineIdentity.system().id().isPresent(),
                    simulationBroker),
                    "simulation");
        } catch (InvalidConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            ValidateCommand.print(err, e.problems());
            err.printf("%s: %s; nothing was started%n", config, ValidateCommand.count(e.problems()));
            err.flush();
            return 1;
        }
        if (!simulate) {
            try {
                if (!reader.checksBoards()) {
                    throw new BoardConfigException("running on hardware needs the board configs, and there is no"
                            + " folder " + boards + "; point --boards at it");
                }
                board = BoardHardware.of(new BoardConfigLoader(boards).load(first.board()));
            } catch (BoardConfigException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("%s: %s; nothing was started%n", config, e.getMessage());
                err.flush();
                return 1;
            }
        }
        byte[] firstBytes = config != null ? Files.readAllBytes(config) : new byte[0];

        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(DRAIN.toSeconds() + UPLINK_CLOSE.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LogConfig logConfig = LogConfig.builder().diskBudgetBytes(first.diskBudgetBytes()).build();
        try (StateStore state = StateStore.open(dataDir.resolve(STATE_FILE), java.time.Clock.systemUTC())) {
            String bootId = BootId.read(BootId.DEFAULT_PATH);
            TimestampCorrector corrector = new TimestampCorrector();
            state.bootClocks().all().forEach(corrector::learn);
            ClockSync clock = new ClockSync(Clock.system(),
                    ClockSources.systemSignal(() -> System.nanoTime() / 1_000_000), bootId,
                    trueBoot -> {
                        corrector.learn(bootId, trueBoot);
                        state.bootClocks().record(bootId, trueBoot);
                        state.audit().record("gateway", "clock-synchronized", "this boot started at "
                                + Instant.ofEpochMilli(trueBoot));
                    });
            clock.poll();
            run(first, reader, firstBytes, state, clock, corrector, logConfig, out, stop);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting through the hook; nothing to remove.
            }
        }
        return 0;
    }

    private void run(GatewayConfig first, ConfigReader reader, byte[] firstBytes, StateStore state, ClockSync clock,
                     TimestampCorrector corrector, LogConfig logConfig, PrintWriter out, CountDownLatch stop)
            throws Exception {
        try (ExecutorScheduler scheduler = new ExecutorScheduler(2, "devices");
             DeviceHardware hardware = simulate
                     ? DeviceHardware.simulated(clock, scheduler, dataDir.resolve("simulation"), simulationBroker)
                     : DeviceHardware.board(board, clock);
             LocalLog log = LocalLog.open(dataDir, logConfig);
             InventoryFeed inventory = new InventoryFeed(state.inventory(), INVENTORY_KEYS)) {
            UplinkMetrics uplinkMetrics = new UplinkMetrics();
            UplinkControl uplink = new UplinkControl(log, new CorrectedTimestamps(corrector), uplinkMetrics);
            GatewayRuntime runtime = new GatewayRuntime(log, hardware.buses(), clock, scheduler,
                    BackoffPolicy.defaults(), hardware::beforeStart, MAX_IN_FLIGHT, new ClockStamp(clock),
                    EventProcessor.IDENTITY, uplink);
            GpsTime gps = new GpsTime(clock);
            runtime.tap(e -> {
                inventory.accept(e);
                gps.accept(e);
            });
            inventory.start(INVENTORY_FLUSH_MS);
            state.audit().record("gateway", "start", "version " + VersionCommand.version() + ", "
                    + (config == null ? "generated simulation config" : "config " + config));
            runtime.apply(first);
            remember(state, first);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            inventory.bindTo(registry);
            gps.bindTo(registry);
            GatewayMetrics metrics = new GatewayMetrics(registry, runtime.counters(), runtime.supervisor(), log);
            uplinkMetrics.bindTo(registry, uplink::status);
            AtomicReference<String> notReady = new AtomicReference<>();
            try (OpsServer ops = OpsServer.start(first.web().bind(), webPort != null ? webPort : first.web().port(),
                    () -> Optional.ofNullable(notReady.get()), () -> {
                        metrics.refresh();
                        uplinkMetrics.refresh();
                        return registry.scrape();
                    }, () -> "uplink: " + uplink.summary() + "\n")) {
                out.printf("edge-gateway %s: gateway %s, %d devices, log in %s, health and metrics on http://%s:%d%s%n",
                        VersionCommand.version(), first.gatewayId(), first.devices().size(), dataDir.toAbsolutePath(),
                        first.web().bind(), ops.address().getPort(), rate > 0 ? ", " + rate + " synthetic events/s" : "");
                out.flush();
                SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
                systemd.ready(first.devices().size() + " devices");
                try {
                    loop(reader, firstBytes, state, clock, log, runtime, systemd, out, stop);
                } finally {
                    notReady.set("stopping");
                    systemd.stopping();
                    metrics.close();
                }
            }
        }
    }

    /** Runs until stopped: reports rates, polls the clock and the config file, pings the watchdog. */
    private void loop(ConfigReader reader, byte[] firstBytes, StateStore state, ClockSync clock, LocalLog log,
                      GatewayRuntime runtime, SystemdNotifier systemd, PrintWriter out, CountDownLatch stop)
            throws InterruptedException {
        ConfigWatcher watcher = config == null ? null : new ConfigWatcher(config, reader, firstBytes, next -> {
            try {
                runtime.apply(next);
                remember(state, next);
            } catch (ReconfigurationException e) {
                LOG.warn("{} not applied: {}", config, e.getMessage());
                state.audit().record("file", "config-refused", e.getMessage());
            }
        });
        SimulatedEvents load = rate > 0 ? new SimulatedEvents(runtime.sink()::append, rate) : null;
        if (load != null) {
            load.start();
        }
        RateReporter reporter = new RateReporter(log, runtime.counters(), out);
        long deadline = durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds)
                : Long.MAX_VALUE;
        long watchdogNanos = systemd.watchdogInterval().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        long lastPing = System.nanoTime();
        long ticks = 0;
        try {
            while (!stop.await(1, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
                clock.poll();
                reporter.report();
                if (watcher != null && ++ticks % Math.max(1, configCheckSeconds) == 0) {
                    watcher.check();
                }
                if (System.nanoTime() - lastPing >= watchdogNanos) {
                    systemd.watchdog();
                    lastPing = System.nanoTime();
                }
            }
        } finally {
            if (load != null) {
                load.stop();
            }
            if (!runtime.stop(DRAIN)) {
                LOG.warn("{} appends were still waiting for the log after {}; closing it anyway",
                        runtime.sink().inFlight(), DRAIN);
            }
        }
        reporter.report();
        state.audit().record("gateway", "stop", reporter.appended() + " events appended, " + reporter.dropped()
                + " dropped");
        out.printf("stopped: %d events appended, %d dropped%n", reporter.appended(), reporter.dropped());
    }

    /** Stores an applied config as a revision unless it is the text already stored last, and audits it. */
    private void remember(StateStore state, GatewayConfig applied) {
        boolean same = state.revisions().latest().map(r -> r.text().equals(applied.sourceText())).orElse(false);
        if (!same) {
            long n = state.revisions().add(applied.sourceText(), "file",
                    config == null ? "generated for --simulate" : "applied from " + config);
            state.audit().record("file", "config-applied", "revision " + n);
        }
    }

    private void checkOptions() {
        if (config == null && !simulate) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name the config with --config FILE, or use --simulate to run simulated devices");
        }
        if (rate < 0 || rate > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be 0..1000000, was " + rate);
        }
    }
}
