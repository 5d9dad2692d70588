package io.edgegateway.gateway.config;

/**
 * A place in a config file, as editors and compilers print it: file name, 1-based line and 1-based column.
 * Line 0 means the problem concerns the file as a whole (it is missing, empty or unreadable).
 */
public record Location(String file, int line, int column) {
    public static Location wholeFile(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }
}
