package io.edgegateway.drivers.bus.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import io.edgegateway.drivers.board.BoardConfigLoader;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Pull;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;
import io.edgegateway.drivers.bus.SerialPorts;
import io.edgegateway.drivers.sim.ManualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real buses of a Raspberry Pi 4 on a machine laid out in a temp folder: every missing or forbidden device
 * file, and every Pi4J failure, becomes a {@link BusException} that names the file and the fix.
 */
class HardwareBusesTest {
    private static final SerialParams BAUD_9600 = SerialParams.of8N1(9600);

    @TempDir
    Path root;

    private BoardHardware pi4;
    /** Files the gateway's user may not open; everything else is open to it. */
    private final Set<Path> forbidden = new java.util.HashSet<>();
    private final AtomicInteger contexts = new AtomicInteger();

    @BeforeEach
    void loadBoard() throws Exception {
        pi4 = BoardHardware.of(new BoardConfigLoader(Path.of("..", "board-configs")).load("raspberry-pi-4b"));
    }

    private HostFiles host() {
        return new HostFiles(root, p -> !forbidden.contains(p));
    }

    /** Buses whose Pi4J context comes from {@code context}; serial ports open through {@code serial}. */
    private HardwareBuses buses(SerialPorts serial, Supplier<Context> context) {
        return new HardwareBuses(pi4, host(), new ManualTime(0), serial, () -> {
            contexts.incrementAndGet();
            return context.get();
        });
    }

    private HardwareBuses buses() {
        return buses((path, params) -> {
            throw new AssertionError("no serial port should be opened");
        }, () -> {
            throw new AssertionError("no Pi4J context should be built");
        });
    }

    private Path file(String absolute) throws Exception {
        Path p = root.resolve(absolute.substring(1));
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[0]);
    }

    /** A GPIO chip as sysfs lists it, with its character device. */
    private void chip(String label, int base, String charDevice) throws Exception {
        Path d = Files.createDirectories(root.resolve("sys/class/gpio/gpiochip" + base));
        Files.writeString(d.resolve("label"), label + "\n");
        Files.writeString(d.resolve("base"), base + "\n");
        Files.writeString(d.resolve("ngpio"), "58\n");
        Files.createDirectories(d.resolve("device").resolve(charDevice));
        file("/dev/" + charDevice);
    }

    private static String message(BusException e) {
        return e.getMessage();
    }

    @Test
    void aMachineWithoutGpioChipsAsksWhetherItIsTheBoard() {
        try (HardwareBuses b = buses()) {
            BusException in = assertThrows(BusException.class, () -> b.gpioInput(17, Pull.UP));
            assertEquals("GPIO chip 'pinctrl-bcm2711' not found: is this a Raspberry Pi 4 Model B? ls /dev/gpiochip*"
                    + " lists this machine's GPIO chips", message(in));
            BusException out = assertThrows(BusException.class, () -> b.gpioOutput(22, false));
            assertEquals(message(in), message(out));
        }
        assertEquals(0, contexts.get(), "Pi4J is not started for a chip that is not there");
    }

    @Test
    void anotherBoardsChipIsNamed() throws Exception {
        chip("pinctrl-bcm2835", 512, "gpiochip0");
        try (HardwareBuses b = buses()) {
            BusException e = assertThrows(BusException.class, () -> b.gpioInput(17, Pull.UP));
            assertTrue(message(e).endsWith("lists this machine's GPIO chips (this machine has pinctrl-bcm2835)"),
                    message(e));
        }
    }

    @Test
    void chipsWithoutSysfsLabelsAreExplained() throws Exception {
        file("/dev/gpiochip0");
        try (HardwareBuses b = buses()) {
            BusException e = assertThrows(BusException.class, () -> b.gpioInput(17, Pull.UP));
            assertEquals("GPIO chip 'pinctrl-bcm2711' cannot be looked up: [/dev/gpiochip0] exist but /sys/class/gpio,"
                    + " which gives their labels, does not (a kernel without CONFIG_GPIO_SYSFS)", message(e));
        }
    }

    @Test
    void aChipWithoutItsDeviceFileOrPermissionIsExplained() throws Exception {
        chip("pinctrl-bcm2711", 512, "gpiochip0");
        Files.delete(root.resolve("dev/gpiochip0"));
        try (HardwareBuses b = buses()) {
            BusException missing = assertThrows(BusException.class, () -> b.gpioInput(17, Pull.UP));
            assertEquals("GPIO chip 'pinctrl-bcm2711': /dev/gpiochip0 is missing although the chip is registered",
                    message(missing));
            forbidden.add(file("/dev/gpiochip0"));
            BusException denied = assertThrows(BusException.class, () -> b.gpioInput(17, Pull.UP));
            assertEquals("GPIO chip 'pinctrl-bcm2711': no permission to open /dev/gpiochip0: add the gateway's user"
                    + " to the gpio group (sudo usermod -aG gpio USER, then restart the gateway)", message(denied));
        }
    }

    /** Pi4J's own gpiod provider, on a machine that is not a Raspberry Pi, opens no chip even when one is there. */
    @Test
    void pi4jGpiodOnAnotherMachineIsExplained() throws Exception {
        assumeFalse(Files.exists(Path.of("/proc/device-tree/model")), "runs only where Pi4J sees no Raspberry Pi");
        chip("pinctrl-bcm2711", 512, "gpiochip0");
        try (HardwareBuses b = HardwareBuses.on(pi4, host(), new ManualTime(0))) {
            BusException e = assertThrows(BusException.class, () -> b.gpioInput(17, Pull.UP));
            assertTrue(message(e).startsWith("cannot open GPIO17 as input: No gpio chip yet initialized!: Pi4J's gpiod"
                    + " provider opened no GPIO chip; it opens one only on a machine it recognises as a Raspberry Pi"),
                    message(e));
            assertTrue(message(e).endsWith("which should be 'pinctrl-bcm2711' on a Raspberry Pi 4 Model B"),
                    message(e));
            BusException again = assertThrows(BusException.class, () -> b.gpioInput(17, Pull.UP));
            assertEquals(message(e), message(again), "a failed open leaves nothing behind that the retry trips on");
        }
    }

    /** Past the device file check, Pi4J's LinuxFS provider checks the bus in sysfs; its message is kept. */
    @Test
    void pi4jLinuxFsI2cFailuresPassThroughAndRepeat() throws Exception {
        assumeFalse(Files.exists(Path.of("/sys/bus/i2c/devices/i2c-1")), "runs only where I2C bus 1 is absent");
        file("/dev/i2c-1");
        try (HardwareBuses b = HardwareBuses.on(pi4, host(), new ManualTime(0))) {
            BusException e = assertThrows(BusException.class, () -> b.i2c(1, 0x76));
            assertTrue(message(e).startsWith("cannot open I2C bus 1 device 0x76: "), message(e));
            assertTrue(message(e).contains("/sys/bus/i2c/devices/i2c-1"), message(e));
            assertEquals(message(e), message(assertThrows(BusException.class, () -> b.i2c(1, 0x76))));
        }
    }

    @Test
    void aNativeLibraryThatDoesNotLoadIsExplained() throws Exception {
        chip("pinctrl-bcm2711", 512, "gpiochip0");
        DigitalInputProviderBase unloadable = new DigitalInputProviderBase("gpiod-digital-input", "no natives") {
            @Override
            public DigitalInput create(DigitalInputConfig config) {
                throw new UnsatisfiedLinkError("no pi4j-gpiod in java.library.path");
            }
        };
        try (HardwareBuses b = buses(null, () -> Pi4J.newContextBuilder().noAutoDetect().add(unloadable).build())) {
            BusException e = assertThrows(BusException.class, () -> b.gpioInput(17, Pull.UP));
            assertTrue(message(e).startsWith("cannot open GPIO17: Pi4J's native library does not load on this"
                    + " machine ("), message(e));
            assertTrue(message(e).contains("it is built for Linux on armhf and aarch64):"
                    + " java.lang.UnsatisfiedLinkError: no pi4j-gpiod in java.library.path"), message(e));
        }
    }

    @Test
    void aPi4jContextThatCannotStartIsReportedAndTriedAgain() throws Exception {
        file("/dev/i2c-1");
        try (HardwareBuses b = buses(null, () -> {
            throw new IllegalStateException("plugin clash");
        })) {
            BusException e = assertThrows(BusException.class, () -> b.i2c(1, 0x76));
            assertEquals("cannot start Pi4J with the gpiod providers of raspberry-pi-4b:"
                    + " java.lang.IllegalStateException: plugin clash", message(e));
            assertThrows(BusException.class, () -> b.i2c(1, 0x76));
        }
        assertEquals(2, contexts.get(), "a failed start is not cached: the next attempt tries again");
    }

    @Test
    void aMissingOrForbiddenI2cBusSaysWhatToEnable() throws Exception {
        try (HardwareBuses b = buses()) {
            BusException missing = assertThrows(BusException.class, () -> b.i2c(1, 0x76));
            assertEquals("I2C bus 1: /dev/i2c-1 not found: enable I2C (raspi-config > Interface Options > I2C, or"
                    + " dtparam=i2c_arm=on in config.txt for bus 1) and reboot", message(missing));
            assertEquals(message(missing), message(assertThrows(BusException.class, () -> b.rawI2c(1, 0x24))));
            forbidden.add(file("/dev/i2c-1"));
            BusException denied = assertThrows(BusException.class, () -> b.i2c(1, 0x76));
            assertEquals("I2C bus 1: no permission to open /dev/i2c-1: add the gateway's user to the i2c group"
                    + " (sudo usermod -aG i2c USER, then restart the gateway)", message(denied));
        }
        assertEquals(0, contexts.get());
    }

    @Test
    void aMissingOrForbiddenSpiDeviceSaysWhatToEnable() throws Exception {
        try (HardwareBuses b = buses()) {
            BusException missing = assertThrows(BusException.class, () -> b.spi(0, 1, 1_000_000, 0));
            assertEquals("SPI 0.1: /dev/spidev0.1 not found: enable SPI (raspi-config > Interface Options > SPI, or"
                    + " dtparam=spi=on in config.txt) and reboot", message(missing));
            forbidden.add(file("/dev/spidev0.1"));
            BusException denied = assertThrows(BusException.class, () -> b.spi(0, 1, 1_000_000, 0));
            assertTrue(message(denied).startsWith("SPI 0.1: no permission to open /dev/spidev0.1: add the gateway's"
                    + " user to the spi group"), message(denied));
        }
    }

    @Test
    void theOneWireFolderComesFromTheBoardAndItsAbsenceIsExplained() throws Exception {
        try (HardwareBuses b = buses()) {
            BusException missing = assertThrows(BusException.class, () -> b.oneWire().slaves("28"));
            assertEquals("1-Wire folder " + root.resolve("sys/bus/w1/devices")
                    + " not found (is the w1-gpio overlay enabled?)", message(missing));
            Files.createDirectories(root.resolve("sys/bus/w1/devices/28-0000075f1b2c"));
            assertEquals(List.of("28-0000075f1b2c"), b.oneWire().slaves("28"));
        }
    }

    @Test
    void aMissingSerialPortSaysWhatToEnableOrPlugIn() throws Exception {
        try (HardwareBuses b = buses()) {
            BusException header = assertThrows(BusException.class, () -> b.serial("/dev/serial0", BAUD_9600));
            assertEquals("serial port: /dev/serial0 not found: enable the header UART (raspi-config > Interface"
                    + " Options > Serial Port: no login shell, hardware on; or enable_uart=1 in config.txt,"
                    + " dtparam=uart0=on on a Pi 5) and reboot", message(header));
            BusException usb = assertThrows(BusException.class, () -> b.serial("/dev/ttyUSB0", BAUD_9600));
            assertEquals("serial port: /dev/ttyUSB0 not found: is the adapter plugged in? ls /dev/serial/by-id lists"
                    + " USB serial adapters", message(usb));
            forbidden.add(file("/dev/ttyUSB0"));
            BusException denied = assertThrows(BusException.class, () -> b.serial("/dev/ttyUSB0", BAUD_9600));
            assertTrue(message(denied).startsWith("serial port: no permission to open /dev/ttyUSB0: add the gateway's"
                    + " user to the dialout group"), message(denied));
        }
    }

    @Test
    void aPresentSerialPortOpensThroughTheSerialAdapterOnThisMachine() throws Exception {
        Path port = file("/dev/serial/by-id/usb-gps");
        AtomicReference<String> opened = new AtomicReference<>();
        SerialLink link = new SerialLink() {
            @Override
            public String path() {
                return opened.get();
            }

            @Override
            public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
                return 0;
            }

            @Override
            public void write(byte[] data, int offset, int length) {
            }

            @Override
            public void close() {
            }
        };
        try (HardwareBuses b = buses((path, params) -> {
            opened.set(path);
            return link;
        }, null)) {
            assertSame(link, b.serial("/dev/serial/by-id/usb-gps", BAUD_9600));
            assertEquals(port.toString(), opened.get());
        }
        try (HardwareBuses b = buses((path, params) -> {
            throw new NoClassDefFoundError("com/fazecast/jSerialComm/SerialPort");
        }, null)) {
            BusException e = assertThrows(BusException.class, () -> b.serial("/dev/serial/by-id/usb-gps", BAUD_9600));
            assertEquals("cannot open serial port /dev/serial/by-id/usb-gps: jSerialComm failed:"
                    + " java.lang.NoClassDefFoundError: com/fazecast/jSerialComm/SerialPort", message(e));
        }
    }
}
