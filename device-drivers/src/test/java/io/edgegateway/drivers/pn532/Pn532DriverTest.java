package io.edgegateway.drivers.pn532;

import static io.edgegateway.drivers.pn532.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.drivers.DriverHarness;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.SerialTestBuses;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.Pn532Simulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pn532 driver end to end over simulated I2C and HSU, through the supervisor with manual time. */
class Pn532DriverTest {
    private static final String PORT = "/dev/ttyAMA0";
    private static final Iso14443aTarget CLASSIC = new Iso14443aTarget(hex("DEADBEEF"), 0x0004, 0x08, new byte[0]);
    private static final Iso14443aTarget NTAG = new Iso14443aTarget(hex("04112233445566"), 0x0044, 0x00,
            new byte[0]);
    private static final Iso14443aTarget DESFIRE = new Iso14443aTarget(hex("045A3B129C2880"), 0x0344, 0x20,
            hex("75778102 80"));
    private static final Iso14443aTarget TRIPLE = new Iso14443aTarget(hex("0102030405060708090A"), 0x0084, 0x00,
            new byte[0]);

    private final ManualTime time = new ManualTime(DriverHarness.START_WALL_MS);
    private DriverHarness h;
    private Pn532Simulator sim;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private void start(Map<String, Object> options, long seed, double badChecksum, double noise, double drop)
            throws InvalidOptionsException {
        sim = new Pn532Simulator(time, new SplittableRandom(seed), PORT).faults(badChecksum, noise, drop);
        h = new DriverHarness(time, new Pn532TestBuses(sim));
        h.add("nfc-door", new Pn532DriverType(), options);
        h.time.runDue();
    }

    private List<String> uids() {
        List<String> out = new ArrayList<>();
        h.values().forEach(v -> out.add(v.get("uid").asText()));
        return out;
    }

    @Test
    void i2cReaderReportsEachPresentationOnce() throws Exception {
        start(Map.of(), 1, 0, 0, 0);
        h.time.advance(500);
        assertEquals(HealthState.RUNNING, h.state());
        assertTrue(sim.samConfigured());
        sim.present(CLASSIC);
        h.time.advance(3_000);
        sim.remove();
        h.time.advance(2_000);
        sim.present(NTAG);
        h.time.advance(1_000);
        sim.remove();
        h.time.advance(2_000);
        sim.present(CLASSIC);
        h.time.advance(500);
        assertEquals(List.of("DEADBEEF", "04112233445566", "DEADBEEF"), uids());
        JsonNode first = h.values().get(0);
        assertEquals(4, first.get("uid_length").asInt());
        assertEquals("0004", first.get("atqa").asText());
        assertEquals("08", first.get("sak").asText());
        assertFalse(first.get("random_uid").asBoolean());
        assertFalse(first.has("ats"));
        assertEquals(0, h.metrics().rejectsTotal(), h.metrics().rejectsByReason().toString());
        assertTrue(sim.polls() > 30, "polls every 200 ms: " + sim.polls());
    }

    @Test
    void hsuReaderWakesTheChipAndReadsLongUidsAndAts() throws Exception {
        start(Map.of("interface", "hsu", "port", PORT), 2, 0, 0, 0);
        sim.present(DESFIRE);
        h.time.advance(1_000);
        sim.present(TRIPLE);
        h.time.advance(1_000);
        assertEquals(HealthState.RUNNING, h.state());
        assertEquals(115200, sim.hsu().openedWith().baud());
        assertEquals(List.of("045A3B129C2880", "0102030405060708090A"), uids());
        assertEquals("7577810280", h.values().get(0).get("ats").asText());
        assertEquals(10, h.values().get(1).get("uid_length").asInt());
    }

    @Test
    void hsuFaultsAreRetriedAndNeverProduceAFalseUid() throws Exception {
        start(Map.of("interface", "hsu", "port", PORT, "max-retries", 5), 3, 0.1, 0.2, 0.05);
        sim.hsu().splitReads(new SplittableRandom(4));
        List<String> presented = new ArrayList<>();
        SplittableRandom pick = new SplittableRandom(5);
        List<Iso14443aTarget> cards = List.of(CLASSIC, NTAG, DESFIRE, TRIPLE);
        for (int i = 0; i < 25; i++) {
            Iso14443aTarget card = cards.get(pick.nextInt(cards.size()));
            presented.add(card.uidHex());
            sim.present(card);
            h.time.advance(1_500);
            sim.remove();
            h.time.advance(1_500);
        }
        assertEquals(presented, uids());
        assertEquals(HealthState.RUNNING, h.state());
        Map<String, Long> r = h.metrics().rejectsByReason();
        assertTrue(r.getOrDefault(Pn532FrameDecoder.BAD_DCS, 0L) > 5, r.toString());
        assertTrue(r.getOrDefault(Pn532Driver.TIMEOUT, 0L) > 5, r.toString());
        assertTrue(r.getOrDefault(Pn532FrameDecoder.NOISE, 0L) > 5, r.toString());
    }

    @Test
    void i2cChecksumErrorsAreRepairedWithNack() throws Exception {
        start(Map.of(), 6, 0.2, 0, 0);
        sim.present(NTAG);
        h.time.advance(2_000);
        assertEquals(List.of("04112233445566"), uids());
        assertTrue(h.rejects(Pn532FrameDecoder.BAD_DCS) > 0);
        assertEquals(0, h.rejects(Pn532Driver.TIMEOUT), "a NACK fetches the response again, no timeout needed");
    }

    @Test
    void aChipThatIsNotAPn532IsAWrongDevice() throws Exception {
        start(Map.of(), 7, 0, 0, 0);
        sim.firmware(0x33, 1, 0, 7); // before the driver gets past SAMConfiguration
        h.time.advance(200);
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.health().lastError().startsWith("WRONG_DEVICE: GetFirmwareVersion answered 33010007"),
                h.health().lastError());
    }

    @Test
    void aSilentChipTimesOutAfterMaxRetries() throws Exception {
        start(Map.of("max-retries", 3, "ack-timeout", 50), 8, 0, 0, 1.0);
        h.time.advance(140);
        assertEquals(HealthState.RUNNING, h.state(), "two timeouts so far");
        assertEquals(2, h.rejects(Pn532Driver.TIMEOUT));
        h.time.advance(100);
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.health().lastError().startsWith("TIMEOUT: 3 failed exchanges in a row, last: no ACK to command 14"),
                h.health().lastError());
    }

    @Test
    void unpluggedI2cModuleIsRetriedAndReconfiguredWhenBack() throws Exception {
        start(Map.of(), 9, 0, 0, 0);
        h.time.advance(500);
        sim.unplug();
        h.time.advance(100);
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.health().lastError().contains("no ACK from I2C address 0x24"), h.health().lastError());
        assertFalse(sim.samConfigured());
        sim.plugIn();
        h.time.advance(2_000);
        assertEquals(HealthState.RUNNING, h.state());
        assertTrue(sim.samConfigured(), "set up again after the restart");
        sim.present(CLASSIC);
        h.time.advance(500);
        assertEquals(List.of("DEADBEEF"), uids());
    }

    @Test
    void randomScansFromACardList() throws Exception {
        start(Map.of(), 10, 0, 0, 0);
        sim.startScans(List.of(CLASSIC, NTAG, DESFIRE), 2_000, 1_000);
        h.time.advance(30_500);
        sim.stopScans();
        assertEquals(10, h.events.size());
        assertTrue(List.of(CLASSIC.uidHex(), NTAG.uidHex(), DESFIRE.uidHex()).containsAll(uids()));
    }

    @Test
    void busesWithoutRawI2cAreAMisconfiguration() throws Exception {
        DriverHarness plain = new DriverHarness(new SerialTestBuses());
        plain.add("nfc", new Pn532DriverType(), Map.of());
        plain.time.runDue();
        assertEquals(HealthState.FAILED, plain.state());
        assertTrue(plain.health().lastError().contains("plain I2C transfers"), plain.health().lastError());
        plain.close();
    }

    @Test
    void optionsNeedAPortForHsuAndDeclareTheirBus() throws Exception {
        Pn532DriverType type = new Pn532DriverType();
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
                () -> type.parse(Map.of("interface", "hsu")));
        assertTrue(e.getMessage().contains("option 'port': interface hsu needs a serial device path"), e.getMessage());
        assertEquals(Wiring.bus("i2c-1"), type.parse(Map.of()).wiring());
        assertEquals(Wiring.bus("uart-0"), type.parse(Map.of("interface", "hsu", "port", "/dev/serial0")).wiring());
        Map<String, Object> raw = new HashMap<>(Map.of("interface", "usb"));
        e = assertThrows(InvalidOptionsException.class, () -> type.parse(raw));
        assertTrue(e.getMessage().contains("is not one of [i2c, hsu]"), e.getMessage());
    }
}
