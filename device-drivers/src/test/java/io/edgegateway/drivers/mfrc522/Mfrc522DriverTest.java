package io.edgegateway.drivers.mfrc522;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.DriverHealth;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.Mfrc522Simulator;
import io.edgegateway.drivers.sim.Mfrc522Simulator.Tag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver end to end: supervisor, driver, register access and the simulated chip, with manual time. */
class Mfrc522DriverTest {
    private static final Tag CLASSIC = Tag.mifareClassic1k(0xDE, 0xAD, 0xBE, 0xEF);
    private static final Tag NTAG = Tag.ntag213(0x04, 0x6F, 0x12, 0x8A, 0x3B, 0x52, 0x80);

    private final ManualTime time = new ManualTime(1_700_000_000_000L);
    private final Mfrc522Simulator chip = new Mfrc522Simulator();
    private final SpiOnlyBuses buses = new SpiOnlyBuses(chip);
    private final List<DeviceEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final DriverSupervisor supervisor = new DriverSupervisor(buses, events::add, time, time,
            new BackoffPolicy(1_000, 8_000, 0.0, RandomGenerator.of("L64X128MixRandom")));

    @AfterEach
    void close() {
        supervisor.close();
    }

    private void start(Map<String, ?> options) throws InvalidOptionsException {
        Mfrc522DriverType type = new Mfrc522DriverType();
        supervisor.add(new ConfiguredDevice<>("door-reader", type, type.parse(options)));
        time.runDue();
    }

    private DriverHealth health() {
        return supervisor.health("door-reader").orElseThrow();
    }

    private Map<String, Long> rejects() {
        return supervisor.metrics("door-reader").orElseThrow().rejectsByReason();
    }

    @Test
    void aTagInTheFieldIsReportedOnceWithUidAtqaAndSak() throws Exception {
        start(Map.of());
        assertEquals(HealthState.RUNNING, health().state());
        assertEquals(List.of("0.0@1000000/mode0"), buses.opened);
        time.advance(1_000);
        assertEquals(0, events.size(), "empty field, no events");
        chip.present(CLASSIC);
        time.advance(5_000);
        assertEquals(1, events.size(), "a tag held for 5 s is one visit");
        DeviceEvent e = events.get(0);
        assertEquals("door-reader", e.deviceId());
        assertEquals("{\"uid\":\"DEADBEEF\",\"uid_bytes\":4,\"atqa\":\"0400\",\"sak\":\"08\"}", e.valueAsString());
        assertEquals("mfrc522", e.headers().get("device-type"));
        // REQA went out as a 7-bit short frame, then the cascade-level-1 ANTICOLLISION with NVB 20
        List<String> frames = chip.recentFrames();
        assertTrue(frames.contains("26/7"), frames.toString());
        assertTrue(frames.contains("9320/8"), frames.toString());
        assertTrue(frames.contains("9370DEADBEEF22B99C/8"), frames.toString());
        assertEquals(Map.of(), rejects());
    }

    @Test
    void aTagIsReportedAgainOnlyAfterLeavingForLongerThanTheWindow() throws Exception {
        start(Map.of("repeat-window", 1_000, "poll-interval", 100));
        chip.present(CLASSIC);
        time.advance(300);
        chip.clearField();
        time.advance(800);
        chip.present(CLASSIC);
        time.advance(300);
        assertEquals(1, events.size(), "away for 800 ms < 1000 ms window");
        chip.clearField();
        time.advance(1_500);
        chip.present(CLASSIC);
        time.advance(300);
        assertEquals(2, events.size(), "away for 1.5 s: a new visit");
    }

    @Test
    void sevenAndTenByteUidsGoThroughTheCascade() throws Exception {
        start(Map.of());
        chip.present(NTAG);
        time.advance(200);
        chip.clearField();
        time.advance(2_000);
        chip.present(Tag.tripleSize(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        time.advance(200);
        assertEquals(2, events.size());
        assertEquals("{\"uid\":\"046F128A3B5280\",\"uid_bytes\":7,\"atqa\":\"4400\",\"sak\":\"00\"}",
                events.get(0).valueAsString());
        assertEquals("{\"uid\":\"0102030405060708090A\",\"uid_bytes\":10,\"atqa\":\"8400\",\"sak\":\"20\"}",
                events.get(1).valueAsString());
    }

    @Test
    void badBccBadCrcNoiseAndCollisionsAreCountedNeverEmitted() throws Exception {
        start(Map.of("poll-interval", 100));
        chip.present(CLASSIC.withBadBcc());
        time.advance(300);
        chip.clearField();
        chip.present(NTAG.withBadSakCrc());
        time.advance(300);
        chip.clearField();
        chip.present(CLASSIC, NTAG);
        time.advance(300);
        chip.clearField();
        assertEquals(0, events.size(), events.toString());
        Map<String, Long> r = rejects();
        assertTrue(r.get("bcc-mismatch") >= 3, r.toString());
        assertTrue(r.get("crc-error") >= 3, r.toString());
        assertTrue(r.get("collision") >= 3, r.toString());
        chip.addRfNoise(1);
        chip.present(CLASSIC);
        time.advance(100);
        assertEquals(1L, rejects().get("rf-error"));
        time.advance(100);
        assertEquals(1, events.size(), "the next clean answer is read");
        assertEquals(HealthState.RUNNING, health().state());
    }

    @Test
    void anUnpluggedModuleIsRetriedAndResumesWhenPluggedBackIn() throws Exception {
        start(Map.of());
        chip.setUnplugged(true);
        time.advance(100);
        DriverHealth h = health();
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.lastError().startsWith("UNAVAILABLE: VersionReg changed from 0x92 to 0x00"), h.lastError());
        time.advance(1_000);
        assertTrue(health().lastError().contains("VersionReg reads 0x00"), health().lastError());
        chip.setUnplugged(false);
        chip.present(CLASSIC);
        time.advance(2_100);
        assertEquals(HealthState.RUNNING, health().state());
        assertEquals(1, events.size());
    }

    @Test
    void versionRegDecidesWhichChipsAreAccepted() throws Exception {
        chip.setVersion(0x37);
        start(Map.of());
        assertEquals(HealthState.RETRYING, health().state());
        assertTrue(health().lastError().startsWith("WRONG_DEVICE: VersionReg reads 0x37"), health().lastError());
        chip.setVersion(0x88); // FM17522 clone, accepted by default
        time.advance(1_000);
        assertEquals(HealthState.RUNNING, health().state());
        supervisor.remove("door-reader");
        Mfrc522DriverType type = new Mfrc522DriverType();
        supervisor.add(new ConfiguredDevice<>("strict", type, type.parse(Map.of("accept-clones", false))));
        time.runDue();
        DriverHealth strict = supervisor.health("strict").orElseThrow();
        assertTrue(strict.lastError().contains("FM17522") && strict.lastError().contains("accept-clones"),
                strict.lastError());
    }

    @Test
    void aStuckChipOrBrokenSpiFailsTheInstance() throws Exception {
        start(Map.of());
        chip.setStuck(true);
        time.advance(100);
        assertTrue(health().lastError().startsWith("TIMEOUT: no interrupt from the MFRC522 during REQA"),
                health().lastError());
        chip.setStuck(false);
        time.advance(1_000);
        assertEquals(HealthState.RUNNING, health().state());
        chip.setTransfersFail(true);
        time.advance(100);
        assertTrue(health().lastError().startsWith("BUS_ERROR: SPI transfer failed"), health().lastError());
    }

    @Test
    void simulatedScansFromATagListAllBecomeEvents() throws Exception {
        start(Map.of("repeat-window", 500));
        List<Tag> tags = List.of(CLASSIC, NTAG, Tag.mifareClassic1k(0x11, 0x22, 0x33, 0x44));
        chip.scheduleScans(time, tags, 700, 3_000, new SplittableRandom(7));
        time.advance(60_000);
        assertTrue(events.size() >= 15, "about one scan per 2.2 s: " + events.size());
        for (DeviceEvent e : events) {
            String uid = e.valueAsString().replaceAll(".*\"uid\":\"([0-9A-F]+)\".*", "$1");
            assertTrue(tags.stream().anyMatch(t -> t.uidHex().equals(uid)), uid);
        }
        assertEquals(Map.of(), rejects());
    }

    @Test
    void optionsNameKeyAndLimits() {
        Mfrc522DriverType type = new Mfrc522DriverType();
        InvalidOptionsException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidOptionsException.class,
                () -> type.parse(Map.of("rx-gain", 30, "poll-interval", 500, "repeat-window", 200)));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("option 'rx-gain': 30 dB is not a gain"), e.getMessage());
        assertTrue(e.getMessage().contains("option 'repeat-window'"), e.getMessage());
        InvalidOptionsException limits = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidOptionsException.class, () -> type.parse(Map.of("spi-clock", 20_000_000)));
        assertTrue(limits.getMessage().contains("of Hz between 100000 and 10000000"), limits.getMessage());
    }
}
