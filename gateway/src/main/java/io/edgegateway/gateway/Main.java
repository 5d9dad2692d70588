package io.edgegateway.gateway;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code edge-gateway} command line: {@code run} starts the gateway, {@code validate} checks a config
 * file, {@code log} inspects a log directory like Kafka's console tools, {@code version} prints the version.
 * Exit codes: 0 success, 1 the command failed (the message says why), 2 the command line was wrong.
 */
@Command(name = "edge-gateway", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Firmware for IoT edge gateways: devices -> durable local log -> Kafka.",
        subcommands = {RunCommand.class, ValidateCommand.class, LogCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code, for tests and for {@link #main}. */
    public static int execute(String... args) {
        if (args.length > 0 && !args[0].equals("run") && System.getProperty(LOG_LEVEL) == null) {
            // Inspection commands print tables on stdout; the log's own info lines would only clutter stderr.
            System.setProperty(LOG_LEVEL, "warn");
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, validate, log or version");
    }
}
