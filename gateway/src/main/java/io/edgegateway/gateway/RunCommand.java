package io.edgegateway.gateway;

import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-gateway run}: opens the log in the data directory, creates the default topics and feeds
 * them from simulated devices, printing rates every second until stopped (Ctrl-C or SIGTERM, which
 * flushes and closes the log) or until {@code --duration} has passed.
 */
@Command(name = "run", description = "Run the gateway.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "data", description = "Log directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--simulate", description = "Use simulated devices instead of hardware.")
    boolean simulate;

    @Option(names = "--rate", defaultValue = "1000", description = "Simulated events per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "0",
            description = "Stop after this many seconds; 0 runs until stopped (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!simulate) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "device drivers on real hardware are not wired yet; use --simulate");
        }
        if (rate < 1 || rate > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be 1..1000000, was " + rate);
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LocalLog log = LocalLog.open(dataDir, LogConfig.defaults())) {
            DefaultTopics.createIn(log);
            out.printf("edge-gateway %s: log in %s, simulating %d events/s%n", VersionCommand.version(),
                    dataDir.toAbsolutePath(), rate);
            out.flush();
            SimulatedEvents events = new SimulatedEvents(log, rate);
            RateReporter reporter = new RateReporter(log, out);
            long deadline = durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds)
                    : Long.MAX_VALUE;
            events.start();
            try {
                while (!stop.await(1, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
                    reporter.report(events);
                }
            } finally {
                events.stop();
            }
            reporter.report(events);
            out.printf("stopped: %d events appended, %d refused%n", events.appended(), events.refused());
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
}
