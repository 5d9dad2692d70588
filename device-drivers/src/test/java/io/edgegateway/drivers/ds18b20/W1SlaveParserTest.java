package io.edgegateway.drivers.ds18b20;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class W1SlaveParserTest {
    /** The kernel documentation's sample output. */
    static final String SAMPLE = "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n";

    @Test
    void crcMatchesMaximAppNote27AndTheKernelSample() {
        byte[] rom = {0x02, 0x1C, (byte) 0xB8, 0x01, 0x00, 0x00, 0x00};
        assertEquals(0xA2, DallasCrc8.compute(rom, 0, rom.length));
        byte[] sp = {0x72, 0x01, 0x4b, 0x46, 0x7f, (byte) 0xff, 0x0e, 0x10};
        assertEquals(0x57, DallasCrc8.compute(sp, 0, sp.length));
    }

    @Test
    void parsesKernelSample() {
        W1SlaveParser.Result r = W1SlaveParser.parse(SAMPLE);
        assertTrue(r.ok(), r.detail());
        assertEquals(23125, r.milliCelsius());
    }

    @Test
    void negativeValuesTruncateTowardZeroLikeTheKernel() {
        // raw -161 = 0xFF5F: -10.0625 °C, which C's truncating division prints as -10062
        byte[] sp = {0x5F, (byte) 0xFF, 0x4b, 0x46, 0x7f, (byte) 0xff, 0x01, 0x10, 0};
        sp[8] = (byte) DallasCrc8.compute(sp, 0, 8);
        String hex = hex(sp);
        W1SlaveParser.Result r = W1SlaveParser.parse(hex + ": crc=" + String.format("%02x", sp[8] & 0xFF)
                + " YES\n" + hex + "t=-10062\n");
        assertTrue(r.ok(), r.detail());
        assertEquals(-10062, r.milliCelsius());
    }

    @Test
    void kernelCrcNoIsRejected() {
        String text = "72 01 4b 46 7f ff 0e 10 00 : crc=57 NO\n00 00 00 00 00 00 00 00 00 t=0\n";
        assertEquals(W1SlaveParser.CRC_MISMATCH, W1SlaveParser.parse(text).rejectReason());
    }

    @Test
    void yesWithWrongCrcByteIsRejected() {
        String text = SAMPLE.replace("0e 10 57 : crc=57", "0e 11 57 : crc=57");
        assertEquals(W1SlaveParser.CRC_MISMATCH, W1SlaveParser.parse(text).rejectReason());
    }

    @Test
    void powerOnValueIsRejected() {
        byte[] sp = {0x50, 0x05, 0x4b, 0x46, 0x7f, (byte) 0xff, 0x0c, 0x10, 0};
        sp[8] = (byte) DallasCrc8.compute(sp, 0, 8);
        String hex = hex(sp);
        String text = hex + ": crc=" + String.format("%02x", sp[8] & 0xFF) + " YES\n" + hex + "t=85000\n";
        assertEquals(W1SlaveParser.POWER_ON_VALUE, W1SlaveParser.parse(text).rejectReason());
    }

    @Test
    void disagreeingTemperatureAndShapeErrorsAreRejected() {
        assertEquals(W1SlaveParser.VALUE_MISMATCH,
                W1SlaveParser.parse(SAMPLE.replace("t=23125", "t=99000")).rejectReason());
        assertEquals(W1SlaveParser.MALFORMED, W1SlaveParser.parse("").rejectReason());
        assertEquals(W1SlaveParser.MALFORMED, W1SlaveParser.parse(SAMPLE.split("\n")[0]).rejectReason());
        assertEquals(W1SlaveParser.MALFORMED, W1SlaveParser.parse(SAMPLE.toUpperCase()).rejectReason());
        assertEquals(W1SlaveParser.MALFORMED, W1SlaveParser.parse(null).rejectReason());
        assertEquals(W1SlaveParser.MALFORMED, W1SlaveParser.parse(SAMPLE.repeat(10)).rejectReason());
    }

    /** CRC-8 catches every error confined to one byte, so any change to one scratchpad digit is refused. */
    @Property(tries = 500)
    void anySingleScratchpadDigitChangeIsRejected(@ForAll @IntRange(min = 0, max = 26) int position,
                                                  @ForAll("hexDigit") char digit) {
        int index = position;
        if (index % 3 == 2 || SAMPLE.charAt(index) == digit) {
            return; // a separator, or no change at all
        }
        String mutated = SAMPLE.substring(0, index) + digit + SAMPLE.substring(index + 1);
        assertFalse(W1SlaveParser.parse(mutated).ok(), mutated);
    }

    @Property(tries = 1000)
    void arbitraryTextNeverThrowsAndIsNeverAccepted(@ForAll @StringLength(max = 300) String text) {
        W1SlaveParser.Result r = W1SlaveParser.parse(text);
        assertFalse(r.ok());
        assertFalse(r.rejectReason().isEmpty());
    }

    /** Mutations of a good file: random character replacement, deletion or insertion at random places. */
    @Property(tries = 1000)
    void mutatedFilesNeverThrowAndAcceptedOnesAreSelfConsistent(@ForAll("mutations") String text) {
        W1SlaveParser.Result r = W1SlaveParser.parse(text);
        if (r.ok()) {
            assertTrue(r.milliCelsius() >= -55_000 && r.milliCelsius() <= 125_000);
        } else {
            assertFalse(r.rejectReason().isEmpty());
        }
    }

    @Provide
    Arbitrary<Character> hexDigit() {
        return Arbitraries.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f');
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, SAMPLE.length() - 1);
        Arbitrary<Character> ch = Arbitraries.chars().ascii();
        return Arbitraries.integers().between(0, 2).flatMap(kind -> pos.flatMap(p -> ch.map(c -> switch (kind) {
            case 0 -> SAMPLE.substring(0, p) + c + SAMPLE.substring(p + 1);
            case 1 -> SAMPLE.substring(0, p) + SAMPLE.substring(p + 1);
            default -> SAMPLE.substring(0, p) + c + SAMPLE.substring(p);
        })));
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x & 0xFF));
        }
        return sb.toString();
    }
}
