package io.edgegateway.drivers.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.bus.w1.SysfsOneWireBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsOneWireBusTest {
    @TempDir
    Path root;

    @Test
    void listsSlavesOfAFamilyAndReadsAttributes() throws Exception {
        Files.createDirectories(root.resolve("28-0000075f1b2c"));
        Files.createDirectories(root.resolve("28-00000a1b2c3d"));
        Files.createDirectories(root.resolve("10-000802b4c5d6"));
        Files.createDirectories(root.resolve("w1_bus_master1"));
        Files.writeString(root.resolve("28-0000075f1b2c/w1_slave"), "hello\n");
        SysfsOneWireBus bus = new SysfsOneWireBus(root);
        assertEquals(List.of("28-0000075f1b2c", "28-00000a1b2c3d"), bus.slaves("28"));
        assertEquals("hello\n", bus.read("28-0000075f1b2c", "w1_slave"));
    }

    @Test
    void vanishedSlaveAndMissingFolderAreBusErrors() {
        SysfsOneWireBus bus = new SysfsOneWireBus(root);
        BusException gone = assertThrows(BusException.class, () -> bus.read("28-0000075f1b2c", "w1_slave"));
        assertTrue(gone.getMessage().contains("is gone"), gone.getMessage());
        BusException noFolder = assertThrows(BusException.class,
                () -> new SysfsOneWireBus(root.resolve("nope")).slaves("28"));
        assertTrue(noFolder.getMessage().contains("w1-gpio overlay"), noFolder.getMessage());
    }

    @Test
    void refusesPathsOutsideTheFolder() {
        SysfsOneWireBus bus = new SysfsOneWireBus(root);
        assertThrows(BusException.class, () -> bus.read("../../etc", "passwd"));
        assertThrows(BusException.class, () -> bus.read("28-0000075f1b2c", "../x"));
    }
}
