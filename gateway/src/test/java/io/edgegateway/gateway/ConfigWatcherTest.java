package io.edgegateway.gateway;

import io.edgegateway.drivers.BuiltInDrivers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.gateway.config.ConfigReader;
import io.edgegateway.gateway.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits are passed on only when the bytes changed and the new version is valid. */
class ConfigWatcherTest {
    @TempDir
    Path dir;

    @Test
    void validEditsArePassedOnAndInvalidOnesIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "gateway: {id: a}\nboard: laptop-sim\n");
        List<GatewayConfig> seen = new ArrayList<>();
        ConfigWatcher w = new ConfigWatcher(file, ConfigReader.system(BuiltInDrivers.registry(), DefaultTopics.all()),
                Files.readAllBytes(file), seen::add);
        assertFalse(w.check(), "unchanged");
        Files.writeString(file, "gateway: {id: b}\nboard: laptop-sim\n");
        assertTrue(w.check());
        assertEquals("b", seen.get(0).gatewayId());
        assertFalse(w.check(), "the same edit is applied once");
        Files.writeString(file, "gateway: {id: c}\nboard: laptop-sim\nweb: {port: -1}\n");
        assertFalse(w.check(), "an invalid edit is not applied");
        Files.delete(file);
        assertFalse(w.check(), "a missing file is not a change");
        Files.writeString(file, "gateway: {id: d}\nboard: laptop-sim\n");
        assertTrue(w.check());
        assertEquals(List.of("b", "d"), seen.stream().map(GatewayConfig::gatewayId).toList());
    }
}
