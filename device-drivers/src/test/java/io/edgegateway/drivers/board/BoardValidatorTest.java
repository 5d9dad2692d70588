package io.edgegateway.drivers.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DriverRegistry;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.board.BoardValidator.DeviceWiring;
import io.edgegateway.drivers.board.BoardValidator.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class BoardValidatorTest {
    /** The repository's board-configs folder; tests run in the module folder. */
    private static final BoardConfigLoader BOARDS = new BoardConfigLoader(Path.of("..", "board-configs"));

    private static BoardConfig board(String id) throws BoardConfigException {
        return BOARDS.load(id);
    }

    private static DeviceWiring device(String id, Map<String, Integer> pins, List<String> buses) {
        return new DeviceWiring(id, new Wiring(pins, buses));
    }

    @ParameterizedTest
    @ValueSource(strings = {"raspberry-pi-3b-plus", "raspberry-pi-4b", "raspberry-pi-5", "raspberry-pi-zero-2w",
        "raspberry-pi-cm4", "laptop-sim"})
    void everyShippedBoardLoadsWithAFullHeader(String id) throws Exception {
        BoardConfig b = board(id);
        assertEquals(id, b.id());
        assertEquals(40, b.header().size());
        assertEquals(28, b.header().stream().filter(p -> p.bcm().isPresent()).count(), "GPIO0..27");
        assertEquals(7, b.pinByBcm(4).orElseThrow().physical());
        assertEquals(List.of(2, 3), b.buses().get("i2c-1").pins());
        assertTrue(!b.ramMb().isEmpty());
    }

    @Test
    void pi5UsesGpiodAndFindsTheHeaderChipByLabel() throws Exception {
        BoardConfig b = board("raspberry-pi-5");
        assertEquals("gpiod", b.gpioProvider());
        assertEquals("pinctrl-rp1", b.gpioChipLabel());
        assertEquals("/dev/ttyAMA0", b.buses().get("uart-0").device(), "serial0 is the debug UART on a Pi 5");
    }

    @Test
    void aPlausibleSetupPasses() throws Exception {
        DriverRegistry registry = BuiltInDrivers.registry();
        ConfiguredDevice<?> door = registry.configure("door", "wiegand", Map.of("d0", 5, "d1", 6));
        ConfiguredDevice<?> button = registry.configure("button", "gpio-input", Map.of("pin", 17));
        ConfiguredDevice<?> climate = registry.configure("climate", "bme280", Map.of());
        ConfiguredDevice<?> tank = registry.configure("tank", "ds18b20", Map.of());
        List<Problem> problems = BoardValidator.validate(board("raspberry-pi-4b"), List.of(
                new DeviceWiring("door", door.wiring()), new DeviceWiring("button", button.wiring()),
                new DeviceWiring("climate", climate.wiring()), new DeviceWiring("tank", tank.wiring())));
        assertEquals(List.of(), problems);
    }

    @Test
    void refusesAPinTheBoardLacks() throws Exception {
        List<Problem> p = BoardValidator.validate(board("raspberry-pi-5"),
                List.of(device("relay", Map.of("pin", 30), List.of())));
        assertEquals(List.of(new Problem("relay",
                "device 'relay' option 'pin': GPIO 30 is not on the header of raspberry-pi-5")), p);
    }

    @Test
    void refusesAPinReservedByAnEnabledBus() throws Exception {
        List<Problem> p = BoardValidator.validate(board("raspberry-pi-4b"),
                List.of(device("button", Map.of("pin", 2), List.of())));
        assertEquals("device 'button' option 'pin': GPIO 2 (physical pin 3) is reserved by bus i2c-1 on "
                + "raspberry-pi-4b; pick another pin or disable the bus", p.get(0).message());
        // the same pin is free for GPIO when its bus is disabled: SPI is off on a stock Pi 4 config
        assertEquals(List.of(), BoardValidator.validate(board("raspberry-pi-4b"),
                List.of(device("button", Map.of("pin", 8), List.of()))));
    }

    @Test
    void refusesAPinAnotherDeviceUses() throws Exception {
        List<Problem> p = BoardValidator.validate(board("raspberry-pi-zero-2w"), List.of(
                device("door", Map.of("d0", 5, "d1", 6), List.of()),
                device("button", Map.of("pin", 6), List.of())));
        assertEquals(List.of(new Problem("button", "device 'button' option 'pin': GPIO 6 (physical pin 31) is "
                + "already used by device 'door' on raspberry-pi-zero-2w")), p);
    }

    @Test
    void refusesABusTheBoardLacksOrHasDisabled() throws Exception {
        List<Problem> p = BoardValidator.validate(board("raspberry-pi-cm4"), List.of(
                device("climate", Map.of(), List.of("i2c-3")),
                device("nfc", Map.of(), List.of("spi-0"))));
        assertEquals(2, p.size());
        assertEquals("device 'climate' needs bus i2c-3, which raspberry-pi-cm4 does not have (it has hat-eeprom, "
                + "i2c-1, spi-0, uart-0, w1)", p.get(0).message());
        assertEquals("device 'nfc' needs bus spi-0 (pins [7, 8, 9, 10, 11]), which is not enabled on "
                + "raspberry-pi-cm4; enable it in the board config and on the board", p.get(1).message());
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        List<Problem> p = BoardValidator.validate(board("raspberry-pi-3b-plus"), List.of(
                device("a", Map.of("pin", 4), List.of()),
                device("b", Map.of("pin", 28), List.of("i2c-9")),
                device("c", Map.of("pin", 17), List.of()),
                device("d", Map.of("pin", 17), List.of())));
        assertEquals(List.of("a", "b", "b", "d"), p.stream().map(Problem::deviceId).toList());
    }

    @Test
    void inconsistentBoardFilesAreRefusedWithTheirName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                board: bad
                pi4j: {gpio-provider: pigpio}
                buses:
                  i2c-1: {device: /dev/i2c-1, pins: [2, 99], enabled: true}
                header:
                  - {physical: 3, bcm: 2, name: GPIO2}
                  - {physical: 3, bcm: 2, name: GPIO2}
                """);
        BoardConfigException e = assertThrows(BoardConfigException.class, () -> new BoardConfigLoader(dir)
                .load("bad"));
        assertTrue(e.getMessage().startsWith("bad.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("'pigpio' is not one of"), e.getMessage());
        assertTrue(e.getMessage().contains("BCM 2 appears twice"), e.getMessage());
        assertTrue(e.getMessage().contains("GPIO 99, which is not on the header"), e.getMessage());
        BoardConfigException missing = assertThrows(BoardConfigException.class, () -> BOARDS.load("pi-6"));
        assertTrue(missing.getMessage().contains("available: [laptop-sim, raspberry-pi-3b-plus"),
                missing.getMessage());
    }
}
