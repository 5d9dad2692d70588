package io.edgegateway.drivers.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.sim.Bme280Simulator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Known-good vectors: the BMP280 datasheet §3.12 worked example for temperature and pressure (the only
 * official one), and humidity vectors computed from the datasheet formula by an independent transcription
 * with 32-bit wrapping, since Bosch publishes no humidity example.
 */
class Bme280CompensationTest {
    private static final Bme280Calibration CAL = Bme280Simulator.EXAMPLE_CALIBRATION;

    @Test
    void datasheetWorkedExampleTemperature() {
        int tFine = Bme280Compensation.tFine(519888, CAL);
        assertEquals(128422, tFine);
        assertEquals(2508, Bme280Compensation.temperatureCentiCelsius(tFine));
    }

    @Test
    void datasheetWorkedExamplePressure64Bit() {
        assertEquals(25767233L, Bme280Compensation.pressureQ24x8(415148, 128422, CAL));
        assertEquals(100653.25390625, 25767233 / 256.0, "Q24.8: the datasheet prints it rounded to 100653.25 Pa");
    }

    @Test
    void humidityVectorsIncludingClamps() {
        assertEquals(56317, Bme280Compensation.humidityQ22x10(30000, 128422, CAL)); // 54.997 %RH
        assertEquals(39190, Bme280Compensation.humidityQ22x10(27000, 128422, CAL));
        assertEquals(0, Bme280Compensation.humidityQ22x10(20000, 128422, CAL), "clamped at 0 %");
        assertEquals(102400, Bme280Compensation.humidityQ22x10(40000, 128422, CAL), "clamped at 100 %");
        assertEquals(54678, Bme280Compensation.humidityQ22x10(30000, -64736, CAL), "below zero °C");
    }

    @Test
    void negativeH4H5AreSignExtendedFromTheirNibbles() {
        byte[] tp = new byte[26];
        tp[0] = 0x70; // T1 = 0x6B70 = 27504
        tp[1] = 0x6B;
        tp[25] = 75;
        byte[] h = {0x6A, 0x01, 0x00, (byte) 0xF9, (byte) 0xC4, (byte) 0xFC, 0x1E};
        Bme280Calibration c = Bme280Calibration.parse(tp, h);
        assertEquals(27504, c.t1());
        assertEquals(362, c.h2());
        assertEquals(-108, c.h4());
        assertEquals(-52, c.h5());
        assertEquals(30, c.h6());
        Bme280Calibration withNegatives = new Bme280Calibration(CAL.t1(), CAL.t2(), CAL.t3(), CAL.p1(), CAL.p2(),
                CAL.p3(), CAL.p4(), CAL.p5(), CAL.p6(), CAL.p7(), CAL.p8(), CAL.p9(), 75, 362, 0, -108, -52, 30);
        assertEquals(86177, Bme280Compensation.humidityQ22x10(8000, 128422, withNegatives));
    }

    @Test
    void calibrationRoundTripsThroughTheSimulatorRegisterLayout() {
        byte[] tp = {0x70, 0x6B, 0x43, 0x67, 0x18, (byte) 0xFC, 0x7D, (byte) 0x8E, 0x43, (byte) 0xD6,
            (byte) 0xD0, 0x0B, 0x27, 0x0B, (byte) 0x8C, 0x00, (byte) 0xF9, (byte) 0xFF, (byte) 0x8C, 0x3C,
            (byte) 0xF8, (byte) 0xC6, 0x70, 0x17, 0x00, 0x4B};
        byte[] h = {0x6A, 0x01, 0x00, 0x13, 0x29, 0x03, 0x1E};
        assertEquals(CAL, Bme280Calibration.parse(tp, h));
    }

    @Test
    void blankNvmIsDetected() {
        assertTrue(Bme280Calibration.parse(new byte[26], new byte[7]).looksBlank());
    }

    @Test
    void decoderRejectsResetValuesAndImpossibleResults() {
        Bme280Decoder d = new Bme280Decoder(CAL, true);
        assertEquals(Bme280Decoder.NO_DATA, d.decode(new Bme280Sample(415148, 0x80000, 30000)).rejectReason());
        assertEquals(Bme280Decoder.NO_DATA, d.decode(new Bme280Sample(415148, 519888, 0x8000)).rejectReason());
        assertEquals(Bme280Decoder.OUT_OF_RANGE, d.decode(new Bme280Sample(0, 519888, 30000)).rejectReason());
        Bme280Reading r = d.decode(new Bme280Sample(415148, 519888, 30000)).reading().orElseThrow();
        assertEquals(25.08, r.temperatureC());
        assertEquals(100653.25390625, r.pressurePa());
        assertEquals(56317 / 1024.0, r.humidityPct());
        assertEquals(null, new Bme280Decoder(CAL, false).decode(new Bme280Sample(415148, 519888, 0x8000))
                .reading().orElseThrow().humidityPct());
    }

    @Test
    void samplePacksTwentyBitValues() {
        byte[] d = {0x65, 0x5A, (byte) 0xC0, 0x7E, (byte) 0xED, 0x00, 0x75, 0x30};
        assertEquals(new Bme280Sample(415148, 519888, 30000), Bme280Sample.parse(d));
    }

    /** Any 8 bytes from the bus decode to a reading or a named reject, never an exception or a NaN. */
    @Property(tries = 2000)
    void arbitraryBytesNeverThrow(@ForAll byte[] eight, @ForAll @IntRange(min = 0, max = 1) int humidity) {
        byte[] d = java.util.Arrays.copyOf(eight, 8);
        Bme280Decoder.Result r = new Bme280Decoder(CAL, humidity == 1).decode(Bme280Sample.parse(d));
        if (r.reading().isPresent()) {
            Bme280Reading reading = r.reading().get();
            assertTrue(reading.temperatureC() >= -40 && reading.temperatureC() <= 85);
            assertTrue(reading.pressurePa() >= 30_000 && reading.pressurePa() <= 110_000);
            assertTrue(reading.humidityPct() == null || reading.humidityPct() >= 0 && reading.humidityPct() <= 100);
        } else {
            assertTrue(r.rejectReason().equals(Bme280Decoder.NO_DATA) || r.rejectReason()
                    .equals(Bme280Decoder.OUT_OF_RANGE));
        }
    }
}
