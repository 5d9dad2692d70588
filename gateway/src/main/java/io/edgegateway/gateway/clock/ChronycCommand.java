package io.edgegateway.gateway.clock;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code chronyc -c tracking} and returns its output. chronyc is looked up on the PATH once; where it
 * is missing the answer is empty, not an error, since most boards without chrony run timesyncd instead. The
 * command is bounded by a timeout so a hung chronyd cannot stall the gateway's one-second loop for long.
 */
public final class ChronycCommand implements ChronyTracking {
    private static final long TIMEOUT_MS = 2_000;

    private final Optional<Path> chronyc;

    public ChronycCommand(Optional<Path> chronyc) {
        this.chronyc = chronyc;
    }

    /** chronyc as found on the PATH, if any. */
    public static ChronycCommand fromPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "chronyc");
            if (Files.isExecutable(candidate)) {
                return new ChronycCommand(Optional.of(candidate));
            }
        }
        return new ChronycCommand(Optional.empty());
    }

    @Override
    public Optional<String> query() throws IOException {
        if (chronyc.isEmpty()) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(chronyc.get().toString(), "-c", "tracking").redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("chronyc gave no answer within " + TIMEOUT_MS + " ms");
            }
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IOException("chronyc exited with " + p.exitValue() + ": " + out);
            }
            return Optional.of(out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for chronyc", e);
        }
    }
}
