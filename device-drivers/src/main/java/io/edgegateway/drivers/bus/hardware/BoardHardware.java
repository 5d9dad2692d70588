package io.edgegateway.drivers.bus.hardware;

import io.edgegateway.drivers.SerialPortWiring;
import io.edgegateway.drivers.board.BoardBus;
import io.edgegateway.drivers.board.BoardConfig;
import io.edgegateway.drivers.board.BoardConfigException;
import io.edgegateway.drivers.bus.pi4j.Pi4jContexts.GpioProvider;
import io.edgegateway.drivers.bus.pi4j.Pi4jProviders;
import io.edgegateway.drivers.bus.w1.SysfsOneWireBus;
import java.util.Map;
import java.util.Optional;

/**
 * What a board file says about its real buses: the Pi4J GPIO provider family and the label of the GPIO chip
 * behind the 40-pin header, and the device file or folder of each bus ({@code /dev/i2c-1},
 * {@code /dev/spidev0.0}, the header UART, the 1-Wire sysfs folder). A simulated board ({@code pi4j:
 * gpio-provider: mock}, such as {@code laptop-sim}) has no real buses and is refused here, so running it
 * without {@code --simulate} fails before anything starts. Immutable.
 */
public record BoardHardware(String boardId, String model, GpioProvider gpioProvider, String gpioChipLabel,
                            Map<String, BoardBus> buses) {
    public BoardHardware {
        buses = Map.copyOf(buses);
    }

    /** The real-bus view of {@code board}; refused for a simulated board, with the fix in the message. */
    public static BoardHardware of(BoardConfig board) throws BoardConfigException {
        GpioProvider provider = switch (board.gpioProvider()) {
            case "gpiod" -> GpioProvider.GPIOD;
            case "linuxfs" -> GpioProvider.LINUXFS;
            case "mock" -> throw new BoardConfigException("board " + board.id() + " is simulated (pi4j.gpio-provider:"
                    + " mock) and has no GPIO, I2C, SPI or serial hardware: add --simulate to run the configured"
                    + " devices against simulated chips, or name the real board in 'board:'");
            default -> throw new BoardConfigException("board " + board.id() + ": pi4j.gpio-provider '"
                    + board.gpioProvider() + "' is not gpiod or linuxfs");
        };
        return new BoardHardware(board.id(), board.model(), provider, board.gpioChipLabel(), board.buses());
    }

    /** The Pi4J provider ids; {@code headerChipBase} is the header chip's sysfs number, used by LinuxFS only. */
    public Pi4jProviders providers(int headerChipBase) {
        return Pi4jProviders.of(gpioProvider, headerChipBase);
    }

    /**
     * The device file of I2C bus {@code bus}: the board's {@code i2c-<bus>} entry, else {@code /dev/i2c-<bus>},
     * which is also what Pi4J's LinuxFS provider opens.
     */
    public String i2cDevice(int bus) {
        return device("i2c-" + bus).orElse("/dev/i2c-" + bus);
    }

    /** The spidev file of SPI {@code bus} at chip select {@code chipSelect}; the kernel names one per select. */
    public String spiDevice(int bus, int chipSelect) {
        return "/dev/spidev" + bus + "." + chipSelect;
    }

    /** The w1 sysfs folder from the board's {@code w1} entry, else {@link SysfsOneWireBus#DEFAULT_ROOT}. */
    public String oneWireFolder() {
        return device("w1").orElse(SysfsOneWireBus.DEFAULT_ROOT.toString());
    }

    /** The header UART's device ({@code /dev/serial0}, {@code /dev/ttyAMA0} on a Pi 5), if the board lists it. */
    public Optional<String> headerUart() {
        return device(SerialPortWiring.HEADER_UART);
    }

    private Optional<String> device(String busId) {
        return Optional.ofNullable(buses.get(busId)).map(BoardBus::device).filter(d -> !d.isEmpty());
    }
}
