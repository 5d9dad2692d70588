package io.edgegateway.drivers.bus.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.context.Context;
import io.edgegateway.drivers.board.BoardBus;
import io.edgegateway.drivers.board.BoardConfig;
import io.edgegateway.drivers.board.BoardConfigException;
import io.edgegateway.drivers.board.BoardConfigLoader;
import io.edgegateway.drivers.bus.pi4j.Pi4jContexts;
import io.edgegateway.drivers.bus.pi4j.Pi4jContexts.GpioProvider;
import io.edgegateway.drivers.bus.pi4j.Pi4jProviders;
import io.edgegateway.drivers.sim.ManualTime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every board file of the repository maps to the Pi4J providers, chip label and device paths of its board. */
class BoardHardwareTest {
    /** The repository's board-configs folder; tests run in the module folder. */
    private static final BoardConfigLoader BOARDS = new BoardConfigLoader(Path.of("..", "board-configs"));

    /** Board id to header GPIO chip label and header UART device, as the kernels of Raspberry Pi OS name them. */
    private static final Map<String, List<String>> PI_BOARDS = Map.of(
            "raspberry-pi-3b-plus", List.of("pinctrl-bcm2835", "/dev/serial0"),
            "raspberry-pi-zero-2w", List.of("pinctrl-bcm2835", "/dev/serial0"),
            "raspberry-pi-4b", List.of("pinctrl-bcm2711", "/dev/serial0"),
            "raspberry-pi-cm4", List.of("pinctrl-bcm2711", "/dev/serial0"),
            "raspberry-pi-5", List.of("pinctrl-rp1", "/dev/ttyAMA0"));

    @TempDir
    Path dir;

    @Test
    void everyBoardFileIsCovered() {
        List<String> expected = new java.util.ArrayList<>(PI_BOARDS.keySet());
        expected.add("laptop-sim");
        assertEquals(expected.stream().sorted().toList(), BOARDS.available());
    }

    @Test
    void eachRaspberryPiMapsToGpiodWithItsChipAndDevices() throws Exception {
        for (var e : PI_BOARDS.entrySet()) {
            BoardHardware hw = BoardHardware.of(BOARDS.load(e.getKey()));
            String board = e.getKey();
            assertEquals(GpioProvider.GPIOD, hw.gpioProvider(), board);
            assertEquals(e.getValue().get(0), hw.gpioChipLabel(), board);
            assertEquals(new Pi4jProviders("gpiod-digital-input", "gpiod-digital-output", "linuxfs-i2c", "linuxfs-spi",
                    0), hw.providers(512), board + ": gpiod addresses lines on the chip, whatever its sysfs base");
            assertEquals("/dev/i2c-1", hw.i2cDevice(1), board);
            assertEquals("/dev/i2c-0", hw.i2cDevice(0), board);
            assertEquals("/dev/spidev0.0", hw.spiDevice(0, 0), board);
            assertEquals("/dev/spidev0.1", hw.spiDevice(0, 1), board);
            assertEquals("/sys/bus/w1/devices", hw.oneWireFolder(), board);
            assertEquals(Optional.of(e.getValue().get(1)), hw.headerUart(), board);
        }
    }

    @Test
    void theSimulatedBoardAsksForSimulate() throws Exception {
        BoardConfig laptop = BOARDS.load("laptop-sim");
        BoardConfigException e = assertThrows(BoardConfigException.class, () -> BoardHardware.of(laptop));
        assertEquals("board laptop-sim is simulated (pi4j.gpio-provider: mock) and has no GPIO, I2C, SPI or serial"
                + " hardware: add --simulate to run the configured devices against simulated chips, or name the real"
                + " board in 'board:'", e.getMessage());
        assertThrows(BoardConfigException.class, () -> HardwareBuses.forBoard(laptop, new ManualTime(0)));
    }

    @Test
    void linuxFsBoardsAddTheChipBaseAndUseTheirOwnBusEntries() throws Exception {
        BoardConfig board = new BoardConfig("custom", "Custom board", List.of(), "linuxfs", "pinctrl-x", List.of(),
                Map.of("i2c-3", new BoardBus("i2c-3", "/dev/i2c-3", List.of(), true),
                        "w1", new BoardBus("w1", "/sys/devices/w1_bus_master1", List.of(), true)));
        BoardHardware hw = BoardHardware.of(board);
        assertEquals(new Pi4jProviders("linuxfs-digital-input", "linuxfs-digital-output", "linuxfs-i2c",
                "linuxfs-spi", 571), hw.providers(571));
        assertEquals("/dev/i2c-3", hw.i2cDevice(3));
        assertEquals("/sys/devices/w1_bus_master1", hw.oneWireFolder());
        assertEquals(Optional.empty(), hw.headerUart());
    }

    @Test
    void anUnknownGpioProviderIsNamed() {
        BoardConfig board = new BoardConfig("custom", "Custom board", List.of(), "pigpio", "pinctrl-x", List.of(),
                Map.of());
        BoardConfigException e = assertThrows(BoardConfigException.class, () -> BoardHardware.of(board));
        assertEquals("board custom: pi4j.gpio-provider 'pigpio' is not gpiod or linuxfs", e.getMessage());
    }

    @Test
    void theContextHoldsExactlyTheBoardsProviders() {
        for (GpioProvider provider : GpioProvider.values()) {
            Pi4jProviders ids = Pi4jProviders.of(provider, 512);
            Context pi4j = Pi4jContexts.newContext(provider, dir);
            try {
                assertEquals(java.util.Set.of(ids.digitalInput(), ids.digitalOutput(), ids.i2c(), ids.spi()),
                        pi4j.providers().all().keySet(), provider.name());
            } finally {
                pi4j.shutdown();
            }
        }
    }
}
