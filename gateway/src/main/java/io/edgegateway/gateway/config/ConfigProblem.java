package io.edgegateway.gateway.config;

/**
 * One thing wrong with a config file: where it is, the dotted path of the setting ({@code devices[1].options
 * .period}, empty for the file itself), what is wrong and how to fix it. Messages never contain the value of
 * a secret reference; the validator words them around the reference instead.
 */
public record ConfigProblem(Location location, String path, String message, String hint) {

    /** {@code gateway.yaml:12:7: devices[0].type: unknown driver type 'bme28' (fix: ...)}. */
    @Override
    public String toString() {
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + message + (hint.isEmpty() ? "" : " (fix: " + hint + ")");
    }
}
