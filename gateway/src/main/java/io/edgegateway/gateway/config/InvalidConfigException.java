package io.edgegateway.gateway.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file was refused; carries every problem found, in file order, so a person fixes them all in one
 * round instead of one per attempt.
 */
public final class InvalidConfigException extends Exception {
    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the configuration:\n"
                + sorted(problems).stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid config needs at least one problem");
        }
        this.problems = sorted(problems);
    }

    private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        return problems.stream().sorted(Comparator.comparingInt((ConfigProblem p) -> p.location().line())
                .thenComparingInt(p -> p.location().column())).toList();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
