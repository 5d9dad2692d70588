package io.edgegateway.drivers.mfrc522;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.bus.SpiDevice;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.Mfrc522Simulator;
import io.edgegateway.drivers.sim.Mfrc522Simulator.Tag;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated input must never escape as an exception or turn into a tag that is not in the field.
 * Each property gets a seed from jqwik, so a failure is reproduced by its printed sample.
 */
class Mfrc522PropertiesTest {
    /** A "chip" whose every MISO byte is random: a floating bus, a wrong device, line noise. */
    private static final class NoiseSpi implements SpiDevice {
        private final SplittableRandom random;

        NoiseSpi(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public void transfer(byte[] tx, byte[] rx, int length) {
            for (int i = 0; i < length; i++) {
                rx[i] = (byte) random.nextInt(256);
            }
        }

        @Override
        public void close() {
        }
    }

    private static Mfrc522Reader reader(SpiDevice spi) {
        RegisterAccess regs = new RegisterAccess(spi);
        return new Mfrc522Reader(regs, new Transceiver(regs, new ManualTime(0)));
    }

    @Property(tries = 300)
    void randomRegisterAnswersNeverYieldATag(@ForAll long seed) throws Exception {
        Mfrc522Reader reader = reader(new NoiseSpi(seed));
        try {
            reader.init(4);
        } catch (DeviceException expected) {
            // noise rarely reads back the written settings; scanning anyway checks the decoder, not init
        }
        for (int i = 0; i < 20; i++) {
            ScanResult r = reader.scan();
            assertFalse(r instanceof ScanResult.Tag, () -> "noise produced " + r);
        }
    }

    @Property(tries = 300)
    void mutatedTagAnswersNeverYieldAnotherUid(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int size,
                                               @ForAll @Size(10) byte[] uidBytes) throws Exception {
        byte[] uid = Arrays.copyOf(uidBytes, size == 0 ? 4 : size == 1 ? 7 : 10);
        if ((uid[0] & 0xFF) == 0x88) {
            uid[0] = 0x08; // ISO 14443-3 reserves 0x88 as UID0 for the cascade tag
        }
        Tag tag = new Tag(uid, new byte[] {0x44, 0x00}, 0x08, false, false);
        SplittableRandom random = new SplittableRandom(seed);
        Mfrc522Simulator chip = new Mfrc522Simulator();
        chip.setAnswerMutator(answer -> mutate(answer, random));
        chip.present(tag);
        Mfrc522Reader reader = reader(chip);
        reader.init(4);
        boolean read = false;
        boolean rejected = false;
        for (int i = 0; i < 10; i++) {
            ScanResult r = reader.scan();
            if (r instanceof ScanResult.Tag t) {
                assertArrayEquals(uid, t.uid(), "a mutated answer produced a UID the tag does not have");
                read = true;
            }
            rejected |= r instanceof ScanResult.Rejected;
        }
        // Both outcomes must occur across the tries, or the property tested nothing.
        Statistics.label("tag read").collect(read);
        Statistics.label("answer rejected").collect(rejected);
        Statistics.label("tag read").coverage(c -> c.check(true).count(n -> n > 0));
        Statistics.label("answer rejected").coverage(c -> c.check(true).count(n -> n > 0));
    }

    /** Keeps three answers in four; otherwise flips 1 to 3 bits, cuts the answer, or appends a random byte. */
    private static byte[] mutate(byte[] answer, SplittableRandom random) {
        switch (random.nextInt(12)) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8:
                return answer;
            case 9: {
                byte[] b = answer.clone();
                for (int n = 1 + random.nextInt(3); n > 0 && b.length > 0; n--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 10:
                return Arrays.copyOf(answer, random.nextInt(answer.length + 1));
            default: {
                byte[] b = Arrays.copyOf(answer, answer.length + 1);
                b[answer.length] = (byte) random.nextInt(256);
                return b;
            }
        }
    }

    @Property(tries = 1000)
    void anticollisionAcceptsExactlyFiveBytesWithZeroXor(@ForAll @Size(max = 8) byte[] answer,
                                                         @ForAll @IntRange(min = 0, max = 7) int lastBits) {
        int xor = 0;
        for (byte b : answer) {
            xor ^= b;
        }
        boolean wellFormed = answer.length == 5 && lastBits == 0 && xor == 0;
        assertEquals(wellFormed, new UidAssembler().acceptAnticollision(answer, lastBits) == null);
    }

    @Property(tries = 1000)
    void selectAnswersNeedAValidCrc(@ForAll @Size(max = 5) byte[] answer) {
        UidAssembler a = new UidAssembler();
        a.acceptAnticollision(new byte[] {0x01, 0x02, 0x03, 0x04, 0x04}, 0);
        String reason = a.acceptSelect(answer, 0);
        if (reason == null) {
            assertEquals(3, answer.length);
            assertEquals(true, Iso14443a.crcOk(answer));
            assertEquals(0, answer[0] & Iso14443a.SAK_CASCADE);
        }
    }
}
