package io.edgegateway.drivers.ds18b20;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the two lines the kernel's w1_therm driver returns from {@code w1_slave} (drivers/w1/slaves/
 * w1_therm.c, {@code w1_slave_show}):
 * <pre>
 * 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
 * 72 01 4b 46 7f ff 0e 10 57 t=23125
 * </pre>
 * Line 1 is the scratchpad just read and whether its CRC matched; line 2 the last scratchpad that passed and
 * the temperature in m°C. A reading is accepted only if line 1 says YES, the CRC recomputed here also
 * matches (a bit flipped in the text would otherwise pass), the {@code t=} value agrees with the scratchpad,
 * and the value is not the power-on register content of +85 °C (0x0550), which means no conversion ran
 * (power glitch, weak parasite power). Pure; never throws.
 */
public final class W1SlaveParser {
    public static final String MALFORMED = "malformed";
    public static final String CRC_MISMATCH = "crc-mismatch";
    public static final String POWER_ON_VALUE = "power-on-value";
    public static final String VALUE_MISMATCH = "value-mismatch";
    public static final String OUT_OF_RANGE = "out-of-range";

    /** A real file is under 80 bytes; anything much longer is not w1_therm output. */
    private static final int MAX_LENGTH = 256;
    private static final Pattern LINE1 = Pattern.compile("((?:[0-9a-f]{2} ){9}): crc=([0-9a-f]{2}) (YES|NO)");
    private static final Pattern LINE2 = Pattern.compile("((?:[0-9a-f]{2} ){9})t=(-?\\d{1,6})");
    private static final int POWER_ON_RAW = 0x0550;

    private W1SlaveParser() {
    }

    /** Temperature in m°C, or the reason the text was rejected with a short detail. */
    public record Result(boolean ok, int milliCelsius, String rejectReason, String detail) {
        static Result ok(int milli) {
            return new Result(true, milli, "", "");
        }

        static Result reject(String reason, String detail) {
            return new Result(false, 0, reason, detail);
        }
    }

    public static Result parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Result.reject(MALFORMED, "missing or oversized w1_slave content");
        }
        String[] lines = text.strip().split("\n");
        if (lines.length != 2) {
            return Result.reject(MALFORMED, "expected 2 lines, got " + lines.length + ": " + abbreviate(text));
        }
        Matcher m1 = LINE1.matcher(lines[0].strip());
        Matcher m2 = LINE2.matcher(lines[1].strip());
        if (!m1.matches() || !m2.matches()) {
            return Result.reject(MALFORMED, abbreviate(text));
        }
        byte[] scratchpad = hexBytes(m1.group(1));
        if (!m1.group(3).equals("YES")) {
            return Result.reject(CRC_MISMATCH, "kernel reports CRC NO: " + lines[0].strip());
        }
        int crc = DallasCrc8.compute(scratchpad, 0, 8);
        if (crc != (scratchpad[8] & 0xFF) || crc != Integer.parseInt(m1.group(2), 16)) {
            return Result.reject(CRC_MISMATCH, String.format("computed crc %02x: %s", crc, lines[0].strip()));
        }
        int raw = (short) (((scratchpad[1] & 0xFF) << 8) | (scratchpad[0] & 0xFF));
        if (raw == POWER_ON_RAW) {
            return Result.reject(POWER_ON_VALUE, "85.000 °C power-on value: no conversion took place");
        }
        int reported = Integer.parseInt(m2.group(2));
        // Integer division truncates toward zero like the kernel's C code (raw -161 -> -10062).
        int fromScratchpad = raw * 1000 / 16;
        boolean extendedMode = (scratchpad[4] & 0x80) != 0; // GX20MH01 clones: kernel divides by 64
        if (!extendedMode && reported != fromScratchpad) {
            return Result.reject(VALUE_MISMATCH, "t=" + reported + " but scratchpad gives " + fromScratchpad);
        }
        if (reported < -55_000 || reported > 125_000) {
            return Result.reject(OUT_OF_RANGE, "t=" + reported + " outside -55..125 °C");
        }
        return Result.ok(reported);
    }

    private static byte[] hexBytes(String spaced) {
        String[] parts = spaced.trim().split(" ");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\n", "\\n");
        return flat.length() > 100 ? flat.substring(0, 100) + "..." : flat;
    }
}
