package io.edgegateway.drivers.bus.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgegateway.drivers.DriverHarness;
import io.edgegateway.drivers.DriverHealth;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.bme280.Bme280Type;
import io.edgegateway.drivers.board.BoardConfigLoader;
import io.edgegateway.drivers.ds18b20.Ds18b20Type;
import io.edgegateway.drivers.gpio.GpioInputType;
import io.edgegateway.drivers.rdm6300.Rdm6300DriverType;
import io.edgegateway.drivers.sim.ManualTime;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real drivers on the real buses of a Raspberry Pi 4 that is not there (an empty machine in a temp folder):
 * each device reports its bus's clear error through the supervisor and is retried with backoff, like an
 * unplugged device, and nothing is emitted.
 */
class UnpluggedBoardTest {
    @TempDir
    Path root;

    private DriverHealth healthAfterTwoAttempts(DriverType<?> type, Map<String, ?> options) throws Exception {
        BoardHardware pi4 = BoardHardware.of(new BoardConfigLoader(Path.of("..", "board-configs"))
                .load("raspberry-pi-4b"));
        ManualTime time = new ManualTime(DriverHarness.START_WALL_MS);
        try (HardwareBuses buses = HardwareBuses.on(pi4, new HostFiles(root, p -> true), time)) {
            DriverHarness harness = new DriverHarness(time, buses).add("dev", type, options);
            time.runDue();
            assertEquals(HealthState.RETRYING, harness.state());
            assertEquals(1, harness.health().consecutiveFailures());
            time.advance(1_000);
            DriverHealth health = harness.health();
            assertEquals(HealthState.RETRYING, health.state());
            assertEquals(2, health.consecutiveFailures(), "tried again after the first backoff");
            assertEquals(0, harness.events.size(), "an absent device emits nothing");
            harness.close();
            return health;
        }
    }

    @Test
    void gpioDevicesReportTheMissingChip() throws Exception {
        assertEquals("UNAVAILABLE: GPIO chip 'pinctrl-bcm2711' not found: is this a Raspberry Pi 4 Model B?"
                + " ls /dev/gpiochip* lists this machine's GPIO chips",
                healthAfterTwoAttempts(new GpioInputType(), Map.of("pin", 17)).lastError());
    }

    @Test
    void i2cDevicesReportTheMissingBus() throws Exception {
        assertEquals("UNAVAILABLE: I2C bus 1: /dev/i2c-1 not found: enable I2C (raspi-config > Interface Options >"
                + " I2C, or dtparam=i2c_arm=on in config.txt for bus 1) and reboot",
                healthAfterTwoAttempts(new Bme280Type(), Map.of()).lastError());
    }

    @Test
    void oneWireDevicesReportTheMissingFolder() throws Exception {
        assertEquals("UNAVAILABLE: 1-Wire folder " + root.resolve("sys/bus/w1/devices")
                + " not found (is the w1-gpio overlay enabled?)",
                healthAfterTwoAttempts(new Ds18b20Type(), Map.of()).lastError());
    }

    @Test
    void serialDevicesReportTheMissingPort() throws Exception {
        assertEquals("UNAVAILABLE: cannot open /dev/serial0: serial port: /dev/serial0 not found: enable the header"
                + " UART (raspi-config > Interface Options > Serial Port: no login shell, hardware on; or"
                + " enable_uart=1 in config.txt, dtparam=uart0=on on a Pi 5) and reboot",
                healthAfterTwoAttempts(new Rdm6300DriverType(), Map.of("port", "/dev/serial0")).lastError());
    }
}
