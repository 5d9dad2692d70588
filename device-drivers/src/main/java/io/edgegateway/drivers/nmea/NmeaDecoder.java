package io.edgegateway.drivers.nmea;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Turns an NMEA 0183 byte stream into valid GGA and RMC fixes. Framing is done by {@link NmeaFramer}; each
 * sentence then has its checksum checked (XOR of every character between the start character and
 * {@code *}, two hex digits, either case; NMEA 0183), its address split into talker and type, and GGA
 * and RMC fields parsed strictly. Other sentence types (GSA, GSV, VTG, proprietary {@code $P...}, AIS
 * {@code !...}) are valid traffic the gateway does not use; they are counted in {@link #ignored()}, not
 * rejected. A fix the receiver marks as invalid (GGA quality 0, RMC status V or mode N) is rejected as
 * {@link #NO_FIX}: it carries no trustworthy position or time. Not thread-safe.
 */
public final class NmeaDecoder implements NmeaFramer.Sink {
    /** Reject reasons, as counted in the device metrics. */
    public static final String NOISE = "noise";
    public static final String TRUNCATED = "truncated-sentence";
    public static final String TOO_LONG = "too-long";
    public static final String NON_PRINTABLE = "non-printable";
    public static final String MISSING_CHECKSUM = "missing-checksum";
    public static final String BAD_CHECKSUM = "bad-checksum";
    public static final String MALFORMED = "malformed-field";
    public static final String NO_FIX = "no-fix";

    /** Receives fixes and reject reasons, on the feeding thread. */
    public interface Listener {
        void onGga(GgaFix fix);

        void onRmc(RmcFix fix);

        void onReject(String reason, String detail);
    }

    private final NmeaFramer framer;
    private final boolean requireChecksum;
    private Listener listener;
    private long ignored;

    public NmeaDecoder(int maxSentenceLength, boolean requireChecksum) {
        this.framer = new NmeaFramer(maxSentenceLength);
        this.requireChecksum = requireChecksum;
    }

    public void feed(byte[] data, int offset, int length, Listener l) {
        this.listener = l;
        framer.feed(data, offset, length, this);
    }

    public int buffered() {
        return framer.buffered();
    }

    /** Well-formed sentences of types this decoder does not use. */
    public long ignored() {
        return ignored;
    }

    @Override
    public void onSentence(String sentence) {
        try {
            decode(sentence);
        } catch (NmeaReject r) {
            listener.onReject(r.reason(), r.getMessage() + " in " + sentence);
        }
    }

    @Override
    public void onReject(String reason, String detail) {
        listener.onReject(reason, detail);
    }

    private void decode(String sentence) throws NmeaReject {
        String body = checkedBody(sentence);
        String[] f = body.split(",", -1);
        String address = f[0];
        if (sentence.charAt(0) == '!' || address.startsWith("P")) {
            ignored++;
            return;
        }
        if (address.length() != 5 || !address.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw NmeaFields.malformed("address", address);
        }
        String talker = address.substring(0, 2);
        switch (address.substring(2)) {
            case "GGA" -> listener.onGga(gga(talker, f));
            case "RMC" -> listener.onRmc(rmc(talker, f));
            default -> ignored++;
        }
    }

    /** Verifies the {@code *hh} checksum and returns the text between the start character and {@code *}. */
    private String checkedBody(String sentence) throws NmeaReject {
        int star = sentence.lastIndexOf('*');
        if (star < 0) {
            if (requireChecksum) {
                throw new NmeaReject(MISSING_CHECKSUM, "no *hh");
            }
            return sentence.substring(1);
        }
        String hex = sentence.substring(star + 1);
        if (hex.length() != 2 || Character.digit(hex.charAt(0), 16) < 0 || Character.digit(hex.charAt(1), 16) < 0) {
            throw new NmeaReject(BAD_CHECKSUM, "checksum field '" + hex + "' is not two hex digits");
        }
        int sent = Integer.parseInt(hex, 16);
        int computed = 0;
        for (int i = 1; i < star; i++) {
            computed ^= sentence.charAt(i);
        }
        if (sent != computed) {
            throw new NmeaReject(BAD_CHECKSUM, String.format("checksum %02X, computed %02X", sent, computed));
        }
        return sentence.substring(1, star);
    }

    private static void requireFields(String[] f, int count) throws NmeaReject {
        if (f.length < count + 1) {
            throw new NmeaReject(MALFORMED, f[0] + " has " + (f.length - 1) + " fields, needs at least " + count);
        }
    }

    /** GGA: 1 time, 2-3 lat, 4-5 lon, 6 quality, 7 satellites, 8 HDOP, 9 altitude, 10 M, 11 geoid, 12 M. */
    private static GgaFix gga(String talker, String[] f) throws NmeaReject {
        requireFields(f, 9);
        if (!f[6].matches("[0-8]")) {
            throw NmeaFields.malformed("fix quality", f[6]);
        }
        int quality = Integer.parseInt(f[6]);
        if (quality == 0) {
            throw new NmeaReject(NO_FIX, "GGA fix quality 0");
        }
        LocalTime time = NmeaFields.time("time", f[1]);
        double lat = NmeaFields.angle("latitude", f[2], f[3], 90, "N", "S");
        double lon = NmeaFields.angle("longitude", f[4], f[5], 180, "E", "W");
        Integer sats = NmeaFields.optionalInteger("satellites", f[7]);
        Double hdop = NmeaFields.optionalDecimal("hdop", f[8]);
        Double alt = NmeaFields.optionalDecimal("altitude", f[9]);
        Double geoid = f.length > 11 ? NmeaFields.optionalDecimal("geoid separation", f[11]) : null;
        return new GgaFix(talker, time, lat, lon, quality, sats, hdop, alt, geoid);
    }

    /** RMC: 1 time, 2 status, 3-4 lat, 5-6 lon, 7 speed (kn), 8 course, 9 date, 10-11 variation, 12 mode. */
    private static RmcFix rmc(String talker, String[] f) throws NmeaReject {
        requireFields(f, 9);
        char mode = f.length > 12 && f[12].length() == 1 ? f[12].charAt(0) : ' ';
        if (f[2].equals("V") || mode == 'N') {
            throw new NmeaReject(NO_FIX, "RMC status " + f[2] + (mode == ' ' ? "" : ", mode " + mode));
        }
        if (!f[2].equals("A")) {
            throw NmeaFields.malformed("status", f[2]);
        }
        LocalTime time = NmeaFields.time("time", f[1]);
        double lat = NmeaFields.angle("latitude", f[3], f[4], 90, "N", "S");
        double lon = NmeaFields.angle("longitude", f[5], f[6], 180, "E", "W");
        Double speed = NmeaFields.optionalDecimal("speed", f[7]);
        Double course = NmeaFields.optionalDecimal("course", f[8]);
        if (speed != null && speed < 0) {
            throw NmeaFields.malformed("speed", f[7]);
        }
        if (course != null && (course < 0 || course > 360)) {
            throw NmeaFields.malformed("course", f[8]);
        }
        LocalDate date = NmeaFields.date("date", f[9]);
        return new RmcFix(talker, date, time, lat, lon, speed, course, mode);
    }
}
