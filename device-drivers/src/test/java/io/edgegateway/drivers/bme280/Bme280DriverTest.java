package io.edgegateway.drivers.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.DriverHealth;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.sim.Bme280Simulator;
import io.edgegateway.drivers.sim.DailyWeather;
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

/** The bme280 driver end to end: supervisor → Pi4J adapter → simulated register map, on manual time. */
class Bme280DriverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2023-11-14 12:00 UTC, so the daily curve is near its warm side. */
    private static final long NOON = 1_699_963_200_000L;

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(NOON);
    private final List<DeviceEvent> events = Collections.synchronizedList(new ArrayList<>());
    private SimulatedHardware hw;
    private Bme280Simulator chip;
    private DriverSupervisor supervisor;

    @BeforeEach
    void setUp() throws Exception {
        hw = new SimulatedHardware(time, dir);
        chip = new Bme280Simulator(time, new DailyWeather(21, 4, new SplittableRandom(42)));
        hw.i2c().attach(1, 0x76, chip);
        supervisor = new DriverSupervisor(hw.buses(), events::add, time, time,
                new BackoffPolicy(1_000, 60_000, 0.0, RandomGenerator.getDefault()));
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        hw.close();
    }

    private void add(Map<String, ?> options) throws InvalidOptionsException {
        supervisor.add(new ConfiguredDevice<>("climate-1", new Bme280Type(), Bme280Options.parse(options)));
    }

    private DriverHealth health() {
        return supervisor.health("climate-1").orElseThrow();
    }

    @Test
    void measuresTheSimulatedWeatherEveryPeriod() throws Exception {
        add(Map.of("period", 10, "oversampling-temperature", 2, "oversampling-humidity", "4", "iir-filter", "4"));
        time.advance(35_000);
        assertEquals(4, events.size(), "at 0, 10, 20 and 30 s");
        assertEquals(HealthState.RUNNING, health().state());
        DeviceEvent e = events.get(0);
        assertEquals("climate-1", e.deviceId());
        assertEquals("bme280", e.headers().get("device-type"));
        JsonNode v = JSON.readTree(e.value());
        double t = v.get("temperature_c").asDouble();
        // noon on the simulated curve: mean 21 + 4·sin(2π(0.5-0.375)) ≈ 23.8 °C
        assertEquals(23.83, t, 0.3);
        assertEquals(101_325, v.get("pressure_pa").asDouble(), 1_000);
        double h = v.get("humidity_pct").asDouble();
        assertTrue(h > 40 && h < 60, "humidity " + h);
        // the measurement is read after the worst-case conversion time for ×2/×1/×4: 1.25+4.6+2.875+9.775 → 19 ms
        assertEquals(NOON + 19, e.timestampMs());
        assertEquals((2 << 5) | (1 << 2), chip.register(0xF4), "ctrl_meas holds the oversampling, back in sleep");
        assertEquals(3, chip.register(0xF2));
        assertEquals(2 << 2, chip.register(0xF5));
    }

    @Test
    void skippedHumidityIsLeftOutOfEvents() throws Exception {
        add(Map.of("oversampling-humidity", "skip"));
        time.advance(100);
        assertTrue(JSON.readTree(events.get(0).value()).get("humidity_pct") == null);
    }

    @Test
    void wrongChipIdRetriesAndNamesTheBmp280() throws Exception {
        chip.setChipId(0x58);
        add(Map.of());
        time.advance(100);
        assertEquals(HealthState.RETRYING, health().state());
        assertTrue(health().lastError().contains("BMP280"), health().lastError());
        chip.setChipId(0x60);
        time.advance(1_000);
        assertEquals(HealthState.RUNNING, health().state());
    }

    @Test
    void unpluggedSensorIsRetriedUntilItReturns() throws Exception {
        add(Map.of("period", 5));
        time.advance(100);
        assertEquals(1, events.size());
        hw.i2c().unplug(1, 0x76);
        time.advance(5_000);
        assertEquals(HealthState.RETRYING, health().state());
        assertTrue(health().lastError().contains("no ACK"), health().lastError());
        time.advance(10_000);
        assertEquals(HealthState.RETRYING, health().state(), "still unplugged after several attempts");
        hw.i2c().plugIn(1, 0x76);
        time.advance(20_000);
        assertEquals(HealthState.RUNNING, health().state());
        int before = events.size();
        time.advance(10_000);
        assertTrue(events.size() > before, "events flow again after re-plugging");
    }

    @Test
    void stuckConversionAndCorruptSamplesAreCountedRejects() throws Exception {
        add(Map.of("period", 1));
        time.advance(100);
        chip.setStuckMeasuring(true);
        time.advance(2_000);
        chip.setStuckMeasuring(false);
        chip.corruptNextSample();
        time.advance(1_000);
        Map<String, Long> rejects = supervisor.metrics("climate-1").orElseThrow().rejectsByReason();
        assertEquals(Map.of("measurement-late", 2L, "no-data", 1L), rejects);
        assertEquals(1, events.size(), "only the first, good sample became an event");
        assertEquals(HealthState.RUNNING, health().state());
    }

    @Test
    void blankCalibrationIsAWrongDevice() throws Exception {
        chip.blankCalibration();
        add(Map.of());
        time.advance(100);
        assertTrue(health().lastError().startsWith("WRONG_DEVICE: calibration memory reads blank"),
                health().lastError());
    }

    @Test
    void optionsAreValidatedWithUnitsAndLimits() {
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> Bme280Options.parse(Map.of("address", 0x40, "period", 0, "oversampling-temprature", 2)));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'oversampling-temperature'"), e.getMessage());
        assertTrue(e.getMessage().contains("'address': 64 is outside the limits of 7-bit address between 118 and 119"),
                e.getMessage());
    }
}
