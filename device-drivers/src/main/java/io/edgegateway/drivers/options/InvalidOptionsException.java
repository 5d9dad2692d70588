package io.edgegateway.drivers.options;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a device's option map cannot be parsed; lists every problem found, not only the first, so the
 * gateway's validator can report them all at once with file and line.
 */
public final class InvalidOptionsException extends Exception {
    private final transient List<OptionProblem> problems;

    public InvalidOptionsException(String driverType, List<OptionProblem> problems) {
        super(driverType + " options: " + problems.stream().map(OptionProblem::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<OptionProblem> problems() {
        return problems;
    }
}
