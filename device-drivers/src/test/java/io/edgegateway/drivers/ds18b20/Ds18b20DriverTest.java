package io.edgegateway.drivers.ds18b20;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.DriverHealth;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.sim.DailyWeather;
import io.edgegateway.drivers.sim.Ds18b20Simulator;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimulatedHardware;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ds18b20 driver end to end through the supervisor and the sysfs adapter over simulated files. */
class Ds18b20DriverTest {
    private static final String ID = "28-0000075f1b2c";

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(1_699_963_200_000L);
    private final List<DeviceEvent> events = Collections.synchronizedList(new ArrayList<>());
    private SimulatedHardware hw;
    private Ds18b20Simulator sensor;
    private DriverSupervisor supervisor;

    @BeforeEach
    void setUp() throws Exception {
        hw = new SimulatedHardware(time, dir);
        sensor = new Ds18b20Simulator(hw.w1Root(), ID, time, new DailyWeather(21, 4, new SplittableRandom(7)));
        supervisor = new DriverSupervisor(hw.buses(), events::add, time, time,
                new BackoffPolicy(1_000, 60_000, 0.0, RandomGenerator.getDefault()));
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        hw.close();
    }

    private void add(Map<String, ?> options) throws Exception {
        supervisor.add(new ConfiguredDevice<>("tank", new Ds18b20Type(), Ds18b20Options.parse(options)));
    }

    private DriverHealth health() {
        return supervisor.health("tank").orElseThrow();
    }

    @Test
    void readsTheSensorEveryPeriod() throws Exception {
        sensor.writeTemperature(23.125);
        add(Map.of("period", 10));
        time.advance(25_000);
        assertEquals(3, events.size());
        assertEquals("{\"temperature_c\":23.125,\"sensor_id\":\"" + ID + "\"}", events.get(0).valueAsString());
        assertEquals("ds18b20", events.get(0).headers().get("device-type"));
    }

    @Test
    void followsTheDailyCurve() throws Exception {
        sensor.refresh();
        add(Map.of("sensor-id", ID, "period", 60));
        time.advance(1);
        String v = events.get(0).valueAsString();
        double t = Double.parseDouble(v.substring(v.indexOf(':') + 1, v.indexOf(',')));
        assertEquals(23.83, t, 0.3);
    }

    @Test
    void badCrcPowerOnAndGarbageAreCountedNotEmitted() throws Exception {
        sensor.writeTemperature(20.0);
        add(Map.of("period", 1));
        time.advance(1);
        sensor.writeCrcFailure();
        time.advance(1_000);
        sensor.writePowerOnValue();
        time.advance(1_000);
        sensor.writeRaw("\u0000\u00ff garbage");
        time.advance(1_000);
        assertEquals(1, events.size());
        assertEquals(Map.of("crc-mismatch", 1L, "power-on-value", 1L, "malformed", 1L),
                supervisor.metrics("tank").orElseThrow().rejectsByReason());
        assertEquals(HealthState.RUNNING, health().state());
    }

    @Test
    void unpluggedSensorRetriesAndRecovers() throws Exception {
        sensor.writeTemperature(20.0);
        add(Map.of("period", 1));
        time.advance(1);
        sensor.unplug();
        time.advance(1_000);
        assertEquals(HealthState.RETRYING, health().state());
        assertTrue(health().lastError().contains("not on the 1-Wire bus") || health().lastError().contains("gone"),
                health().lastError());
        sensor.plugIn();
        sensor.writeTemperature(19.5);
        time.advance(5_000);
        assertEquals(HealthState.RUNNING, health().state());
        assertTrue(events.get(events.size() - 1).valueAsString().contains("19.5"));
    }

    @Test
    void autoRefusesToGuessBetweenSeveralSensors() throws Exception {
        new Ds18b20Simulator(hw.w1Root(), "28-00000a1b2c3d", time, new DailyWeather(0, 0, new SplittableRandom()));
        add(Map.of());
        time.advance(1);
        assertEquals(HealthState.FAILED, health().state());
        assertTrue(health().lastError().contains("set sensor-id"), health().lastError());
    }
}
