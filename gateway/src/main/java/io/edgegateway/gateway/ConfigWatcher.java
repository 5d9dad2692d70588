package io.edgegateway.gateway;

import io.edgegateway.gateway.config.ConfigProblem;
import io.edgegateway.gateway.config.ConfigReader;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.gateway.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices edits to the config file and hands each new valid version to the gateway. {@link #check} compares
 * the file's bytes with the last version seen (modification times are too coarse on some file systems and
 * editors replace files in odd ways); an invalid edit is logged with every problem and otherwise ignored,
 * so the gateway keeps running on the last good config. {@code run} calls {@code check} every few seconds.
 * Not thread-safe: call from one thread.
 */
final class ConfigWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final ConfigReader reader;
    private final Consumer<GatewayConfig> onChange;
    private byte[] lastSeen;

    ConfigWatcher(Path file, ConfigReader reader, byte[] current, Consumer<GatewayConfig> onChange) {
        this.file = file;
        this.reader = reader;
        this.lastSeen = current.clone();
        this.onChange = onChange;
    }

    /** Reads the file; if it changed and is valid, passes the new config on. True if it was passed on. */
    boolean check() {
        byte[] now;
        try {
            now = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("cannot read {} to look for changes: {}", file, e.toString());
            return false;
        }
        if (Arrays.equals(now, lastSeen)) {
            return false;
        }
        lastSeen = now;
        try {
            GatewayConfig next = reader.read(file);
            LOG.info("{} changed; applying it", file);
            onChange.accept(next);
            return true;
        } catch (InvalidConfigException e) {
            LOG.warn("{} changed but is not valid; still running the previous config", file);
            for (ConfigProblem p : e.problems()) {
                LOG.warn("  {}", p);
            }
            return false;
        }
    }
}
