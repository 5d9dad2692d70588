package io.edgegateway.drivers.bus.hardware;

import io.edgegateway.drivers.SerialPortWiring;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.pi4j.GpioChipLocator;
import io.edgegateway.drivers.bus.pi4j.Pi4jContexts.GpioProvider;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks a bus's device files before Pi4J or jSerialComm is asked to open it, because their own errors for a
 * missing or forbidden file ("No gpio chip yet initialized!", "Sysfs validation failed") do not say what to
 * enable or which group to join. Each check throws a {@link BusException} that names the file as the board
 * config does and the fix; drivers report it as an unavailable device, retried with backoff like an
 * unplugged one. Stateless apart from its inputs; every call looks at the files afresh.
 */
final class BusPreflight {
    private final BoardHardware board;
    private final HostFiles host;

    BusPreflight(BoardHardware board, HostFiles host) {
        this.board = board;
        this.host = host;
    }

    /** The GPIO chip behind the header, found by the board's label, and openable by this user. */
    GpioChipLocator.Chip headerChip() throws BusException {
        String label = board.gpioChipLabel();
        Path sysfs = host.path(GpioChipLocator.DEFAULT_ROOT.toString());
        List<GpioChipLocator.Chip> chips;
        try {
            chips = new GpioChipLocator(sysfs).chips();
        } catch (IOException e) {
            throw new BusException("cannot list GPIO chips in " + GpioChipLocator.DEFAULT_ROOT + ": " + e.getMessage(),
                    e);
        }
        GpioChipLocator.Chip chip = chips.stream().filter(c -> c.label().equals(label)).findFirst().orElse(null);
        if (chip == null) {
            if (!Files.isDirectory(sysfs) && !charDevices().isEmpty()) {
                throw new BusException("GPIO chip '" + label + "' cannot be looked up: " + charDevices()
                        + " exist but " + GpioChipLocator.DEFAULT_ROOT + ", which gives their labels, does not (a"
                        + " kernel without CONFIG_GPIO_SYSFS)");
            }
            String found = chips.isEmpty() ? "" : " (this machine has "
                    + chips.stream().map(GpioChipLocator.Chip::label).collect(Collectors.joining(", ")) + ")";
            throw new BusException("GPIO chip '" + label + "' not found: is this a " + board.model()
                    + "? ls /dev/gpiochip* lists this machine's GPIO chips" + found);
        }
        if (board.gpioProvider() == GpioProvider.GPIOD && chip.charDevice().isPresent()) {
            requireReadWrite("/dev/" + chip.charDevice().get(), "GPIO chip '" + label + "'",
                    "is missing although the chip is registered", "gpio");
        } else if (board.gpioProvider() == GpioProvider.LINUXFS) {
            requireReadWrite(GpioChipLocator.DEFAULT_ROOT + "/export", "GPIO chip '" + label + "'",
                    "is missing, so pins cannot be exported", "gpio");
        }
        return chip;
    }

    void i2c(int bus) throws BusException {
        requireReadWrite(board.i2cDevice(bus), "I2C bus " + bus, "not found: enable I2C (raspi-config > Interface"
                + " Options > I2C, or dtparam=i2c_arm=on in config.txt for bus 1) and reboot", "i2c");
    }

    void spi(int bus, int chipSelect) throws BusException {
        requireReadWrite(board.spiDevice(bus, chipSelect), "SPI " + bus + "." + chipSelect, "not found: enable SPI"
                + " (raspi-config > Interface Options > SPI, or dtparam=spi=on in config.txt) and reboot", "spi");
    }

    /** Checks serial port {@code path} and returns where it is on this machine. */
    Path serial(String path) throws BusException {
        boolean header = !SerialPortWiring.forPort(path).buses().isEmpty()
                || board.headerUart().map(path::equals).orElse(false);
        String fix = header ? "not found: enable the header UART (raspi-config > Interface Options > Serial Port:"
                + " no login shell, hardware on; or enable_uart=1 in config.txt, dtparam=uart0=on on a Pi 5) and"
                + " reboot" : "not found: is the adapter plugged in? ls /dev/serial/by-id lists USB serial adapters";
        requireReadWrite(path, "serial port", fix, "dialout");
        return host.path(path);
    }

    private void requireReadWrite(String device, String what, String missing, String group) throws BusException {
        Path file = host.path(device);
        if (!Files.exists(file)) {
            throw new BusException(what + ": " + device + " " + missing);
        }
        if (!host.readWritable().test(file)) {
            throw new BusException(what + ": no permission to open " + device + ": add the gateway's user to the "
                    + group + " group (sudo usermod -aG " + group + " USER, then restart the gateway)");
        }
    }

    private List<String> charDevices() {
        try (DirectoryStream<Path> dev = Files.newDirectoryStream(host.path("/dev"), "gpiochip*")) {
            return StreamSupport.stream(dev.spliterator(), false)
                    .map(p -> "/dev/" + p.getFileName()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
