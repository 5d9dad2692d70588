package io.edgegateway.drivers.sim;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.SpiDevice;
import io.edgegateway.drivers.bus.pi4j.Pi4jBuses;
import io.edgegateway.drivers.bus.pi4j.Pi4jProviders;
import io.edgegateway.drivers.bus.w1.SysfsOneWireBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole simulated board for {@code --simulate} and tests: a Pi4J context with mock GPIO and SPI and the
 * {@link SimI2cProvider}, {@link SimulatedSerialPorts}, and a w1 sysfs folder in {@code workDir}. Its
 * {@link #buses()} are the same {@link Pi4jBuses} and {@link SysfsOneWireBus} adapters used on a Pi, so driver
 * code and adapter code run unchanged; simulators attach chips, drive pins and write sysfs files here. SPI
 * chips attached with {@link #attachSpi} are the one exception: they are handed to the driver directly,
 * since Pi4J's mock SPI cannot host a simulated chip.
 */
public final class SimulatedHardware implements AutoCloseable {
    private final Context pi4j;
    private final SimI2cProvider i2c = new SimI2cProvider();
    private final SimDigitalInputProvider inputs = new SimDigitalInputProvider();
    private final SimulatedSerialPorts serial = new SimulatedSerialPorts();
    private final Path w1Root;
    private final SimulatedSpiBuses buses;

    public SimulatedHardware(Clock clock, Path workDir) throws IOException {
        this.w1Root = Files.createDirectories(workDir.resolve("w1-devices"));
        this.pi4j = Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform())
                .add(inputs, MockDigitalOutputProvider.newInstance(), MockSpiProvider.newInstance(), i2c)
                .build();
        this.buses = new SimulatedSpiBuses(new Pi4jBuses(pi4j, Pi4jProviders.mock(SimI2cProvider.ID), clock,
                serial, new SysfsOneWireBus(w1Root)));
    }

    public Buses buses() {
        return buses;
    }

    public SimI2cProvider i2c() {
        return i2c;
    }

    public SimulatedSerialPorts serial() {
        return serial;
    }

    /** Puts {@code chip} on SPI {@code bus} at {@code chipSelect}, replacing what was there. */
    public void attachSpi(int bus, int chipSelect, SpiDevice chip) {
        buses.attach(bus, chipSelect, chip);
    }

    /** The folder standing in for {@code /sys/bus/w1/devices}. */
    public Path w1Root() {
        return w1Root;
    }

    /** The outside end of GPIO input {@code bcm}, idle at {@code idleHigh} until first set. */
    public SimPin pin(int bcm, boolean idleHigh) {
        return inputs.pin(bcm, idleHigh);
    }

    /** The Pi4J context, for tests that inspect mock outputs or SPI. */
    public Context pi4j() {
        return pi4j;
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
