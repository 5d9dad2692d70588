package io.edgegateway.drivers.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmeaDecoderTest {
    /*
     * The classic GGA example. Checksum = XOR of the characters between '$' and '*'; the running XOR after
     * each comma is 7A 5B 69 0B 0B 62 7F 5B 50 52 33 0A 6B, and after the last comma 47 -> "*47".
     * lat 4807.038 N = 48 + 7.038 / 60 = 48.1173; lon 01131.000 E = 11 + 31 / 60 = 11.5166667.
     */
    static final String GGA = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";
    /* Same second as RMC: running XOR after each comma 67 46 2B 19 7B 7B 12 14 1E 3D 3D, at '*' 6A. */
    static final String RMC = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";
    /*
     * Multi-GNSS talker, southern and eastern hemispheres, fractional seconds, DGPS:
     * XOR of the body = 7C. lat 3351.3450 S = -(33 + 51.345 / 60) = -33.85575;
     * lon 15112.6980 E = 151 + 12.698 / 60 = 151.2116333.
     */
    static final String GN_GGA = "$GNGGA,235959.00,3351.3450,S,15112.6980,E,2,12,0.7,58.0,M,21.3,M,1.0,0000*7C";
    /* XOR of the body = 42; course empty (at rest), mode D, date 31 Dec 2024. */
    static final String GN_RMC = "$GNRMC,235959.00,A,3351.3450,S,15112.6980,E,0.05,,311224,,,D*42";
    /* Receiver without a fix: status V; XOR = 75. */
    static final String VOID_RMC = "$GPRMC,081836,V,3751.65,S,14507.36,E,000.0,360.0,130998,011.3,E*75";
    /* GGA with quality 0 and empty position; XOR = 66. */
    static final String VOID_GGA = "$GPGGA,000000,,,,,0,00,,,M,,M,,*66";

    private static RecordingNmeaListener decode(String... lines) {
        NmeaDecoder d = new NmeaDecoder(100, true);
        RecordingNmeaListener l = new RecordingNmeaListener();
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
            d.feed(b, 0, b.length, l);
        }
        return l;
    }

    @Test
    void decodesTheClassicGgaAndRmc() {
        RecordingNmeaListener l = decode(GGA + "\r\n", RMC + "\r\n");
        assertEquals(List.of(), l.rejects);
        GgaFix g = l.gga.get(0);
        assertEquals("GP", g.talker());
        assertEquals(LocalTime.of(12, 35, 19), g.utcTime());
        assertEquals(48.1173, g.latitudeDeg(), 1e-9);
        assertEquals(11.5166667, g.longitudeDeg(), 1e-9);
        assertEquals(1, g.quality());
        assertEquals("gps", g.qualityName());
        assertEquals(8, g.satellites());
        assertEquals(0.9, g.hdop());
        assertEquals(545.4, g.altitudeM());
        assertEquals(46.9, g.geoidSeparationM());
        RmcFix r = l.rmc.get(0);
        assertEquals(LocalDate.of(1994, 3, 23), r.utcDate());
        assertEquals(Instant.parse("1994-03-23T12:35:19Z"), r.utc());
        assertEquals(22.4, r.speedKnots());
        assertEquals(84.4, r.courseDeg());
        assertEquals(' ', r.mode());
    }

    @Test
    void decodesSouthernMultiGnssSentencesWithFractionalSeconds() {
        RecordingNmeaListener l = decode(GN_GGA + "\r\n" + GN_RMC + "\n");
        assertEquals(List.of(), l.rejects);
        GgaFix g = l.gga.get(0);
        assertEquals("GN", g.talker());
        assertEquals(-33.85575, g.latitudeDeg(), 1e-9);
        assertEquals(151.2116333, g.longitudeDeg(), 1e-9);
        assertEquals("dgps", g.qualityName());
        RmcFix r = l.rmc.get(0);
        assertEquals(Instant.parse("2024-12-31T23:59:59Z"), r.utc());
        assertNull(r.courseDeg());
        assertEquals('D', r.mode());
    }

    @Test
    void voidFixesAreRejected() {
        assertEquals(List.of(NmeaDecoder.NO_FIX, NmeaDecoder.NO_FIX), decode(VOID_RMC + "\r\n", VOID_GGA + "\r\n")
                .rejects);
    }

    @Test
    void checksumsAreChecked() {
        assertEquals(List.of(NmeaDecoder.BAD_CHECKSUM), decode(GGA.replace("*47", "*48") + "\r\n").rejects);
        assertEquals(List.of(NmeaDecoder.BAD_CHECKSUM), decode(GGA.replace("4807.038", "4807.039") + "\r\n")
                .rejects);
        assertEquals(List.of(NmeaDecoder.BAD_CHECKSUM), decode(GGA.replace("*47", "*4") + "\r\n").rejects);
        assertEquals(1, decode(RMC.replace("*6A", "*6a") + "\r\n").rmc.size(), "lower-case hex is accepted");
        String noChecksum = GGA.substring(0, GGA.indexOf('*')) + "\r\n";
        assertEquals(List.of(NmeaDecoder.MISSING_CHECKSUM), decode(noChecksum).rejects);
        NmeaDecoder lenient = new NmeaDecoder(100, false);
        RecordingNmeaListener l = new RecordingNmeaListener();
        byte[] b = noChecksum.getBytes(StandardCharsets.US_ASCII);
        lenient.feed(b, 0, b.length, l);
        assertEquals(1, l.gga.size());
    }

    /** Builds a sentence with a correct checksum so only the field under test is wrong. */
    private static String sentence(String body) {
        return "$" + body + "*" + io.edgegateway.drivers.sim.NmeaGpsSimulator.checksum(body) + "\r\n";
    }

    @Test
    void malformedFieldsAreRejectedEvenWithAGoodChecksum() {
        List<String> bad = List.of(
                "GPGGA,123519,48x7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",   // letter in latitude
                "GPGGA,123519,4867.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",   // 67 minutes
                "GPGGA,123519,9107.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",   // 91 degrees
                "GPGGA,123519,4807.038,Q,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",   // hemisphere Q
                "GPGGA,126019,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",   // minute 60
                "GPGGA,123519,4807.038,N,01131.000,E,9,08,0.9,545.4,M,46.9,M,,",   // quality 9
                "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9",                    // too few fields
                "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,310294,003.1,W", // 31 February
                "GPRMC,123519,X,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W", // status X
                "GPRMC,123519,A,4807.038,N,01131.000,E,-22.4,084.4,230394,003.1,W", // negative speed
                "gpGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");  // lower-case address
        for (String body : bad) {
            assertEquals(List.of(NmeaDecoder.MALFORMED), decode(sentence(body)).rejects, body);
        }
    }

    @Test
    void rmcWithModeNotValidIsNoFix() {
        assertEquals(List.of(NmeaDecoder.NO_FIX), decode(sentence(
                "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W,N")).rejects);
    }

    @Test
    void otherSentencesAreIgnoredNotRejected() {
        NmeaDecoder d = new NmeaDecoder(100, true);
        RecordingNmeaListener l = new RecordingNmeaListener();
        byte[] b = (sentence("GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1") + sentence("PUBX,00,foo")
                + sentence("AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0")).replace("$AIVDM", "!AIVDM")
                .getBytes(StandardCharsets.US_ASCII);
        d.feed(b, 0, b.length, l);
        assertEquals(List.of(), l.all);
        assertEquals(3, d.ignored());
    }

    @Test
    void framingProblemsAreRejectedAndTheNextSentenceDecodes() {
        String tooLong = "$GPTXT," + "A".repeat(120) + "*00\r\n";
        String cut = GGA.substring(0, 30);
        String binary = "$GPGGA,1235\u0001" + "19\r\n";
        RecordingNmeaListener l = decode("\u00b5b\u0001\u0007junk", tooLong, cut, binary, RMC + "\r\n");
        assertEquals(List.of(NmeaDecoder.NOISE, NmeaDecoder.TOO_LONG, NmeaDecoder.TRUNCATED,
                NmeaDecoder.NON_PRINTABLE), l.rejects);
        assertEquals(1, l.rmc.size());
    }

    @Test
    void leapSecondIsAccepted() {
        RecordingNmeaListener l = decode(sentence("GPGGA,235960,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
        assertEquals(LocalTime.of(23, 59, 59, 999_000_000), l.gga.get(0).utcTime());
        assertTrue(l.rejects.isEmpty());
    }
}
