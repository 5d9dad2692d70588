package io.edgegateway.drivers.wiegand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.drivers.sim.WiegandSimulator;
import io.edgegateway.drivers.sim.WiegandSimulator.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated pulse trains through the whole driver: no exception escapes, no tag is reported that was
 * not sent (unless the noise itself is a parity-valid frame), the bit buffer stays bounded, and a real frame
 * after a gap is still read.
 */
class WiegandNoisePropertyTest {
    private static final List<Tag> TAGS = List.of(
            new Tag(WiegandFormat.H10301_26, 212, 7041),
            new Tag(WiegandFormat.H10306_34, 35284, 7041),
            new Tag(WiegandFormat.H10304_37, 4242, 424_242));

    @Property(tries = 60)
    void noiseNeverProducesAFalseTag(@ForAll @Size(max = 100) List<Boolean> pulses,
                                     @ForAll @IntRange(min = 0, max = 2) int tagIndex,
                                     @ForAll @IntRange(min = 0, max = 37) int flip) throws Exception {
        Path dir = Files.createTempDirectory("wiegand-prop");
        ManualTime time = new ManualTime(0);
        List<DeviceEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (SimulatedHardware hw = new SimulatedHardware(time, dir);
             DriverSupervisor supervisor = new DriverSupervisor(hw.buses(), events::add, time, time,
                     new BackoffPolicy(1_000, 60_000, 0.0, RandomGenerator.getDefault()))) {
            WiegandSimulator reader = new WiegandSimulator(hw.pin(5, true), hw.pin(6, true), time::advanceNanos);
            supervisor.add(new ConfiguredDevice<>("door", new WiegandType(),
                    WiegandOptions.parse(Map.of("d0", 5, "d1", 6))));
            time.runDue();
            for (boolean one : pulses) {
                reader.sendBits(one ? 1 : 0, 1);
            }
            time.advance(60);
            Tag tag = TAGS.get(tagIndex);
            boolean corrupt = flip >= 1 && flip <= tag.format().bits();
            if (corrupt) {
                reader.sendBadParity(tag, flip);
            } else {
                reader.send(tag);
            }
            time.advance(60);
            int noiseEvents = 0;
            for (DeviceEvent e : events) {
                String v = e.valueAsString();
                boolean fromTag = v.contains("\"card\":" + tag.card() + ",");
                if (!fromTag) {
                    noiseEvents++;
                }
            }
            boolean noiseCouldBeAFrame = pulses.size() == 26 || pulses.size() == 34 || pulses.size() == 37;
            assertTrue(noiseEvents == 0 || noiseCouldBeAFrame && noiseEvents == 1, events.toString());
            assertEquals(corrupt ? 0 : 1, events.size() - noiseEvents, "tag " + tag + " flip " + flip);
        }
    }
}
