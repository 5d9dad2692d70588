package io.edgegateway.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.GpioInput;
import io.edgegateway.drivers.bus.GpioOutput;
import io.edgegateway.drivers.bus.I2cDevice;
import io.edgegateway.drivers.bus.Pull;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pi4J adapters exercised over the simulated board: the same code path a Pi uses, minus the kernel. */
class SimulatedHardwareTest {
    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(0);
    private SimulatedHardware hw;

    @BeforeEach
    void setUp() throws Exception {
        hw = new SimulatedHardware(time, dir);
    }

    @AfterEach
    void tearDown() {
        hw.close();
    }

    @Test
    void gpioEdgesReachTheListenerWithClockTimestamps() throws Exception {
        SimPin pin = hw.pin(17, true);
        List<String> edges = new ArrayList<>();
        try (GpioInput in = hw.buses().gpioInput(17, Pull.UP)) {
            assertTrue(in.isHigh(), "idle level is applied when the pin opens");
            in.setListener((high, nanos) -> edges.add(high + "@" + nanos));
            time.advance(5);
            pin.set(false);
            pin.set(false);
            time.advance(1);
            pin.set(true);
            assertEquals(List.of("false@5000000", "true@6000000"), edges);
        }
        assertFalse(pin.isOpen());
        try (GpioInput again = hw.buses().gpioInput(17, Pull.UP)) {
            assertTrue(again.isHigh(), "a released pin can be opened again by a restarted driver");
        }
    }

    @Test
    void stuckPinIgnoresChanges() throws Exception {
        SimPin pin = hw.pin(5, true);
        try (GpioInput in = hw.buses().gpioInput(5, Pull.UP)) {
            pin.stick(false);
            pin.set(true);
            assertFalse(in.isHigh());
            pin.unstick();
            pin.set(true);
            assertTrue(in.isHigh());
        }
    }

    @Test
    void gpioOutputDrivesMockPin() throws Exception {
        try (GpioOutput out = hw.buses().gpioOutput(22, false)) {
            assertFalse(out.isHigh());
            out.set(true);
            assertTrue(out.isHigh());
        }
    }

    @Test
    void i2cBurstReadAutoIncrementsAndWritesReachTheChip() throws Exception {
        byte[] map = new byte[256];
        for (int i = 0; i < 256; i++) {
            map[i] = (byte) i;
        }
        hw.i2c().attach(1, 0x76, new I2cChip() {
            public int read(int register) {
                return map[register] & 0xFF;
            }

            public void write(int register, int value) {
                map[register] = (byte) value;
            }
        });
        try (I2cDevice dev = hw.buses().i2c(1, 0x76)) {
            byte[] buf = new byte[4];
            dev.readRegisters(0xFE, buf, 0, 4);
            assertArrayEquals(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 1}, buf, "wraps at 0xFF like the map");
            dev.writeRegister(0xF4, 0x27);
            assertEquals(0x27, dev.readRegister(0xF4));
            hw.i2c().unplug(1, 0x76);
            BusException e = assertThrows(BusException.class, () -> dev.readRegister(0xD0));
            assertTrue(e.getMessage().contains("no ACK"), e.getMessage());
            hw.i2c().plugIn(1, 0x76);
            assertEquals(0xD0, dev.readRegister(0xD0));
        }
        try (I2cDevice nobody = hw.buses().i2c(1, 0x77)) {
            assertThrows(BusException.class, () -> nobody.readRegisters(0, new byte[2], 0, 2));
        }
    }
}
