package io.edgegateway.drivers.bus.hardware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Where the machine's device files and sysfs folders are, and whether the gateway's user may open one for
 * reading and writing. On a board the root is {@code /}; tests lay out a temp folder as the machine and
 * decide which files are accessible, since root (as tests often run) may open every file.
 */
record HostFiles(Path root, Predicate<Path> readWritable) {
    static HostFiles system() {
        return new HostFiles(Path.of("/"), p -> Files.isReadable(p) && Files.isWritable(p));
    }

    /** {@code absolute} (e.g. {@code /dev/i2c-1}) on this machine. */
    Path path(String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }
}
