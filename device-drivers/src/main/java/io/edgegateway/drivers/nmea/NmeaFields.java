package io.edgegateway.drivers.nmea;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Pattern;

/**
 * Strict parsers for the NMEA field formats used by GGA and RMC (NMEA 0183). Each throws
 * {@link NmeaReject} with reason {@code malformed-field}, naming the field, for anything that is not exactly
 * the documented format, because a half-understood coordinate is worse than none.
 */
final class NmeaFields {
    /** ddmm.mmmm or dddmm.mmmm: degrees, then two digits of whole minutes, then decimal minutes. */
    private static final Pattern ANGLE = Pattern.compile("(\\d{1,3})(\\d{2}(?:\\.\\d{1,10})?)");
    private static final Pattern TIME = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})(\\.\\d{1,6})?");
    private static final Pattern DATE = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,7}(\\.\\d{1,8})?");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,3}");

    private NmeaFields() {
    }

    static NmeaReject malformed(String field, String value) {
        return new NmeaReject(NmeaDecoder.MALFORMED, field + " '" + value + "'");
    }

    /** hhmmss(.sss); a leap second 60 is clamped to 59.999 since LocalTime cannot hold it. */
    static LocalTime time(String field, String s) throws NmeaReject {
        var m = TIME.matcher(s);
        if (!m.matches()) {
            throw malformed(field, s);
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int sec = Integer.parseInt(m.group(3));
        int nanos = m.group(4) == null ? 0 : (int) Math.round(Double.parseDouble("0" + m.group(4)) * 1e9);
        if (h > 23 || min > 59 || sec > 60) {
            throw malformed(field, s);
        }
        if (sec == 60) {
            return LocalTime.of(h, min, 59, 999_000_000);
        }
        return LocalTime.of(h, min, sec, Math.min(nanos, 999_999_999));
    }

    /**
     * ddmmyy. RMC has a two-digit year; GPS started in 1980, so 80..99 are 1980..1999 and 00..79 are
     * 2000..2079.
     */
    static LocalDate date(String field, String s) throws NmeaReject {
        var m = DATE.matcher(s);
        if (!m.matches()) {
            throw malformed(field, s);
        }
        int yy = Integer.parseInt(m.group(3));
        try {
            return LocalDate.of(yy >= 80 ? 1900 + yy : 2000 + yy, Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            throw malformed(field, s);
        }
    }

    /** Latitude or longitude in degrees, negative for S and W: degrees + minutes / 60. */
    static double angle(String field, String value, String hemisphere, double maxDegrees, String positive,
                        String negative) throws NmeaReject {
        var m = ANGLE.matcher(value);
        if (!m.matches()) {
            throw malformed(field, value);
        }
        double degrees = Integer.parseInt(m.group(1));
        double minutes = Double.parseDouble(m.group(2));
        double result = degrees + minutes / 60.0;
        if (minutes >= 60.0 || result > maxDegrees) {
            throw malformed(field, value);
        }
        if (hemisphere.equals(negative)) {
            result = -result;
        } else if (!hemisphere.equals(positive)) {
            throw malformed(field + " hemisphere", hemisphere);
        }
        // 1e-7 degrees is about 1 cm: more digits would only carry float noise into the event.
        return Math.round(result * 1e7) / 1e7;
    }

    /** An optional decimal: null when empty. */
    static Double optionalDecimal(String field, String s) throws NmeaReject {
        if (s.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw malformed(field, s);
        }
        return Double.parseDouble(s);
    }

    /** An optional small whole number (satellite counts): null when empty. */
    static Integer optionalInteger(String field, String s) throws NmeaReject {
        if (s.isEmpty()) {
            return null;
        }
        if (!INTEGER.matcher(s).matches()) {
            throw malformed(field, s);
        }
        return Integer.parseInt(s);
    }
}
