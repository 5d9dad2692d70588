package io.edgegateway.gateway;

import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.gateway.config.ConfigProblem;
import io.edgegateway.gateway.config.ConfigReader;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.gateway.config.InvalidConfigException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edge-gateway validate FILE}: checks a config file without starting anything. Exit 0 with a one-line
 * summary when it is valid; exit 1 with every problem (location, setting, message, and a "fix:" line) on
 * stderr when not, so a script can gate a deployment on it and a person can fix everything in one pass.
 */
@Command(name = "validate", description = "Check a gateway.yaml and report every problem in it.")
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The config file to check.")
    Path file;

    @Option(names = "--boards", defaultValue = "board-configs", paramLabel = "DIR",
            description = "Folder of board configs to check the board and pins against (default: ${DEFAULT-VALUE}).")
    Path boards;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ConfigReader reader = reader(boards);
            GatewayConfig c = reader.read(file);
            out.printf("%s: valid (gateway %s%s, board %s%s, %d devices, %d topics, uplink %s)%n", file,
                    c.gatewayId(), c.gatewayIdFromFile() ? "" : " from this machine", c.board(),
                    reader.checksBoards() ? "" : " not checked: no folder " + boards, c.devices().size(),
                    c.topics().size(), c.uplink().isConfigured() ? "configured" : "not configured");
            out.flush();
            return 0;
        } catch (InvalidConfigException e) {
            print(err, e.problems());
            err.printf("%s: %s%n", file, count(e.problems()));
            err.flush();
            return 1;
        }
    }

    /** A reader with the built-in drivers; it checks boards when the board folder exists. */
    static ConfigReader reader(Path boards) {
        return Files.isDirectory(boards) ? ConfigReader.system(BuiltInDrivers.registry(), DefaultTopics.all(), boards)
                : ConfigReader.system(BuiltInDrivers.registry(), DefaultTopics.all());
    }

    /** One line per problem, then its fix indented below it; shared with {@code run}. */
    static void print(PrintWriter err, List<ConfigProblem> problems) {
        for (ConfigProblem p : problems) {
            err.println(p.location() + ": " + (p.path().isEmpty() ? "" : p.path() + ": ") + p.message());
            if (!p.hint().isEmpty()) {
                err.println("    fix: " + p.hint());
            }
        }
    }

    static String count(List<ConfigProblem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems");
    }
}
