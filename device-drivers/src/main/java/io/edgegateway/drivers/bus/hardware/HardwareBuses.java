package io.edgegateway.drivers.bus.hardware;

import com.pi4j.context.Context;
import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.board.BoardConfig;
import io.edgegateway.drivers.board.BoardConfigException;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.GpioInput;
import io.edgegateway.drivers.bus.GpioOutput;
import io.edgegateway.drivers.bus.I2cDevice;
import io.edgegateway.drivers.bus.OneWireBus;
import io.edgegateway.drivers.bus.Pull;
import io.edgegateway.drivers.bus.RawI2cBuses;
import io.edgegateway.drivers.bus.RawI2cDevice;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;
import io.edgegateway.drivers.bus.SerialPorts;
import io.edgegateway.drivers.bus.SpiDevice;
import io.edgegateway.drivers.bus.pi4j.GpioChipLocator;
import io.edgegateway.drivers.bus.pi4j.Pi4jBuses;
import io.edgegateway.drivers.bus.pi4j.Pi4jContexts;
import io.edgegateway.drivers.bus.pi4j.Pi4jProviders;
import io.edgegateway.drivers.bus.serial.JSerialCommPorts;
import io.edgegateway.drivers.bus.w1.SysfsOneWireBus;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Buses} of the board named in the gateway config: GPIO, I2C and SPI through a Pi4J context
 * with the board's providers (GpioD or LinuxFS for pins, LinuxFS for I2C and SPI), serial ports through
 * jSerialComm, and 1-Wire through the w1 sysfs folder of the board's bus entry. Nothing is opened up front,
 * so the gateway starts on any machine: each open first checks the device files ({@link BusPreflight}), then
 * builds the Pi4J context on first need, and turns every failure, Pi4J's unchecked ones and a native library
 * that cannot load included, into a {@link BusException} that names the file and the fix. Drivers report it
 * through their health, retried with backoff like an unplugged device. Thread-safe; close it after the
 * drivers have stopped.
 */
public final class HardwareBuses implements Buses, RawI2cBuses, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HardwareBuses.class);

    private final BoardHardware board;
    private final BusPreflight preflight;
    private final Clock clock;
    private final SerialPorts serialPorts;
    private final OneWireBus oneWire;
    private final Supplier<Context> newContext;
    private Context context;

    HardwareBuses(BoardHardware board, HostFiles host, Clock clock, SerialPorts serialPorts,
                  Supplier<Context> newContext) {
        this.board = board;
        this.preflight = new BusPreflight(board, host);
        this.clock = clock;
        this.serialPorts = serialPorts;
        this.oneWire = new SysfsOneWireBus(host.path(board.oneWireFolder()));
        this.newContext = newContext;
    }

    /** The buses of {@code board} on this machine; refused for a simulated board such as {@code laptop-sim}. */
    public static HardwareBuses forBoard(BoardConfig board, Clock clock) throws BoardConfigException {
        return forBoard(BoardHardware.of(board), clock);
    }

    /** The buses of a board already checked to be real hardware. */
    public static HardwareBuses forBoard(BoardHardware board, Clock clock) {
        return on(board, HostFiles.system(), clock);
    }

    static HardwareBuses on(BoardHardware board, HostFiles host, Clock clock) {
        return new HardwareBuses(board, host, clock, new JSerialCommPorts(), () -> Pi4jContexts.newContext(
                board.gpioProvider(), host.path(GpioChipLocator.DEFAULT_ROOT.toString())));
    }

    @Override
    public GpioInput gpioInput(int bcmPin, Pull pull) throws BusException {
        GpioChipLocator.Chip chip = preflight.headerChip();
        return withPi4j(board.providers(chip.base()), "GPIO" + bcmPin, b -> b.gpioInput(bcmPin, pull));
    }

    @Override
    public GpioOutput gpioOutput(int bcmPin, boolean initialHigh) throws BusException {
        GpioChipLocator.Chip chip = preflight.headerChip();
        return withPi4j(board.providers(chip.base()), "GPIO" + bcmPin, b -> b.gpioOutput(bcmPin, initialHigh));
    }

    @Override
    public I2cDevice i2c(int bus, int address) throws BusException {
        preflight.i2c(bus);
        return withPi4j(board.providers(0), "I2C bus " + bus, b -> b.i2c(bus, address));
    }

    @Override
    public RawI2cDevice rawI2c(int bus, int address) throws BusException {
        preflight.i2c(bus);
        return withPi4j(board.providers(0), "I2C bus " + bus, b -> b.rawI2c(bus, address));
    }

    @Override
    public SpiDevice spi(int bus, int chipSelect, int clockHz, int mode) throws BusException {
        preflight.spi(bus, chipSelect);
        return withPi4j(board.providers(0), "SPI " + bus + "." + chipSelect,
                b -> b.spi(bus, chipSelect, clockHz, mode));
    }

    @Override
    public SerialLink serial(String path, SerialParams params) throws BusException {
        String onHost = preflight.serial(path).toString();
        try {
            return serialPorts.open(onHost, params);
        } catch (RuntimeException | LinkageError e) {
            // jSerialComm unpacks and loads its native library on first use; a read-only temp folder or an
            // unsupported CPU ends up here rather than taking the device's thread down.
            throw new BusException("cannot open serial port " + path + ": jSerialComm failed: " + e, e);
        }
    }

    @Override
    public OneWireBus oneWire() {
        return oneWire;
    }

    /** Opens one IO through a Pi4J adapter with {@code providers}, over the context shared by all devices. */
    private <T> T withPi4j(Pi4jProviders providers, String what, Pi4jOpen<T> open) throws BusException {
        Pi4jBuses buses = new Pi4jBuses(context(), providers, clock, serialPorts, oneWire);
        try {
            return open.apply(buses);
        } catch (BusException e) {
            throw Pi4jFailures.explain(e, board);
        } catch (LinkageError e) {
            throw Pi4jFailures.nativeLibrary("cannot open " + what, e);
        }
    }

    private synchronized Context context() throws BusException {
        if (context == null) {
            try {
                context = newContext.get();
            } catch (RuntimeException e) {
                throw new BusException("cannot start Pi4J with the " + board.gpioProvider().name().toLowerCase()
                        + " providers of " + board.boardId() + ": " + e, e);
            } catch (LinkageError e) {
                throw Pi4jFailures.nativeLibrary("cannot start Pi4J", e);
            }
        }
        return context;
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("shutting down Pi4J failed, ignored: {}", e.toString());
            }
            context = null;
        }
    }

    @FunctionalInterface
    private interface Pi4jOpen<T> {
        T apply(Pi4jBuses buses) throws BusException;
    }
}
