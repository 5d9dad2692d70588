package io.edgegateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.drivers.board.BoardConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the project's board files, the board must exist and the devices' pins and buses must fit it. */
class BoardCheckTest {
    /** Tests run in the module folder; the board files are in the project's board-configs folder. */
    private static final Path BOARDS = Path.of("..", "board-configs");
    @TempDir
    Path dir;

    private ConfigReader reader() throws Exception {
        return new ConfigReader(BuiltInDrivers.registry(), ConfigFixtures.machine(dir), new SecretResolver(k -> null),
                ConfigFixtures.defaultTopics(), Optional.of(new BoardConfigLoader(BOARDS)));
    }

    private ConfigProblem onlyProblem(String yaml) throws Exception {
        ConfigReader r = reader();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> r.read(yaml, "gw.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void devicesThatFitTheBoardAreAccepted() throws Exception {
        GatewayConfig c = reader().read("""
                board: raspberry-pi-4b
                devices:
                  - {id: door, type: gpio-input, topic: io.gpio, options: {pin: 17}}
                  - {id: reader, type: wiegand, topic: access.rfid, options: {d0: 5, d1: 6}}
                  - {id: hall, type: bme280, topic: sensors.environment}
                """, "gw.yaml");
        assertEquals(List.of("door", "reader", "hall"), c.devices().stream().map(DeviceConfig::id).toList());
    }

    @Test
    void anUnknownBoardGetsADidYouMean() throws Exception {
        ConfigProblem p = onlyProblem("board: raspberry-pi-4\n");
        assertEquals("gw.yaml:1:8", p.location().toString());
        assertEquals("there is no board config for 'raspberry-pi-4'", p.message());
        assertEquals("did you mean 'raspberry-pi-4b'?", p.hint());
    }

    @Test
    void aPinReservedByABusIsRefusedAtTheDevice() throws Exception {
        ConfigProblem p = onlyProblem("board: raspberry-pi-4b\ndevices:\n"
                + "  - {id: door, type: gpio-input, topic: io.gpio, options: {pin: 2}}\n");
        assertEquals("gw.yaml:3:5", p.location().toString());
        assertEquals("devices.door", p.path());
        assertTrue(p.message().startsWith("device 'door' option 'pin': GPIO 2 (physical pin 3) is reserved by bus i2c-1"),
                p.message());
    }

    @Test
    void twoDevicesOnOnePinAreRefusedOnceNamingTheFirst() throws Exception {
        ConfigProblem p = onlyProblem("""
                board: raspberry-pi-4b
                devices:
                  - {id: door, type: gpio-input, topic: io.gpio, options: {pin: 17}}
                  - {id: gate, type: gpio-input, topic: io.gpio, options: {pin: 17}}
                """);
        assertEquals("gw.yaml:4:5", p.location().toString());
        assertTrue(p.message().contains("GPIO 17 (physical pin 11) is already used by device 'door'"), p.message());
    }

    @Test
    void aBusTheBoardLacksIsRefused() throws Exception {
        ConfigProblem p = onlyProblem("board: raspberry-pi-4b\ndevices:\n"
                + "  - {id: hall, type: bme280, topic: sensors.environment, options: {i2c-bus: 7}}\n");
        assertTrue(p.message().startsWith("device 'hall' needs bus i2c-7, which raspberry-pi-4b does not have"),
                p.message());
        assertTrue(p.hint().contains("raspberry-pi-4b.yaml"), p.hint());
    }

    @Test
    void withoutABoardFolderNothingIsChecked() throws Exception {
        ConfigReader r = new ConfigReader(BuiltInDrivers.registry(), ConfigFixtures.machine(dir),
                new SecretResolver(Map.<String, String>of()::get), ConfigFixtures.defaultTopics());
        assertEquals("no-such-board", r.read("board: no-such-board\n", "gw.yaml").board());
    }
}
