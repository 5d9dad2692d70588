package io.edgegateway.gateway.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The kernel's id of the current boot ({@code /proc/sys/kernel/random/boot_id}, a new UUID at every boot).
 * Clock corrections are only valid within one boot, because the monotonic clock they rely on restarts at
 * zero. Where the file is missing (not Linux), a random id per process is used: corrections then stay within
 * one run, which is safe, only less complete.
 */
public final class BootId {
    public static final Path DEFAULT_PATH = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {
    }

    public static String read(Path file) {
        try {
            String id = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
            if (id.matches("[0-9a-f-]{36}")) {
                return id;
            }
        } catch (IOException | SecurityException e) {
            // fall through to a per-process id
        }
        return "process-" + UUID.randomUUID();
    }
}
