package io.edgegateway.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.drivers.sim.ButtonSimulator;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimPin;
import io.edgegateway.drivers.sim.SimulatedHardware;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gpio-input end to end: a bouncing button on Pi4J's mock GPIO, the supervisor and manual time. */
class GpioInputDriverTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime(T0);
    private final List<DeviceEvent> events = Collections.synchronizedList(new ArrayList<>());
    private SimulatedHardware hw;
    private SimPin pin;
    private ButtonSimulator button;
    private DriverSupervisor supervisor;

    @BeforeEach
    void setUp() throws Exception {
        hw = new SimulatedHardware(time, dir);
        pin = hw.pin(17, true);
        button = new ButtonSimulator(pin, true, time::advanceNanos);
        supervisor = new DriverSupervisor(hw.buses(), events::add, time, time,
                new BackoffPolicy(1_000, 60_000, 0.0, RandomGenerator.getDefault()));
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
        hw.close();
    }

    private void start(Map<String, ?> options) throws Exception {
        supervisor.add(new ConfiguredDevice<>("button", new GpioInputType(), GpioInputOptions.parse(options)));
        time.runDue();
    }

    private List<String> values() {
        return events.stream().map(DeviceEvent::valueAsString).toList();
    }

    @Test
    void bouncyPressGivesOneEventPerChangeWithPreviousDuration() throws Exception {
        start(Map.of("pin", 17, "active-low", true));
        time.advance(5_000);
        button.press(1_500, 3);
        time.advance(100);
        assertEquals(List.of(
                "{\"level\":\"high\",\"active\":false,\"initial\":true}",
                "{\"level\":\"low\",\"active\":true,\"previous_duration_ms\":5001}",
                "{\"level\":\"high\",\"active\":false,\"previous_duration_ms\":1501}"), values());
        // 1501: the 1500 ms hold plus the release bounces (3 × 0.6 ms) before the line settled
        // dated at the edge that settled (after 3 bounces of 0.6 ms), not when the debounce timer fired
        assertEquals(T0 + 5_001, events.get(1).timestampMs());
        assertEquals(Map.of("bounce", 12L), supervisor.metrics("button").orElseThrow().rejectsByReason());
    }

    @Test
    void edgeSelectionFiltersEventsButKeepsDurations() throws Exception {
        start(Map.of("pin", 17, "edge", "rising", "debounce", 0));
        time.advance(1_000);
        pin.set(false);
        time.advance(2_000);
        pin.set(true);
        assertEquals(2, events.size());
        assertTrue(values().get(1).contains("\"level\":\"high\"") && values().get(1).contains(
                "\"previous_duration_ms\":2000"), values().get(1));
    }

    @Test
    void glitchShorterThanDebounceIsIgnored() throws Exception {
        start(Map.of("pin", 17, "debounce", 20));
        pin.set(false);
        time.advance(5);
        pin.set(true);
        time.advance(100);
        assertEquals(1, events.size(), "only the initial event: the pulse never held for 20 ms");
    }

    @Test
    void stuckPinProducesNoEvents() throws Exception {
        start(Map.of("pin", 17));
        pin.stick(false);
        time.advance(100);
        button.press(500, 2);
        time.advance(100);
        assertEquals(2, events.size(), "initial and the one change to the stuck level");
    }
}
