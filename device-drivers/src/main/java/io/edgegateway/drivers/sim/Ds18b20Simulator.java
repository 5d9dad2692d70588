package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.ds18b20.DallasCrc8;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A DS18B20 as the kernel's w1_therm shows it: a folder {@code 28-<serial>} with a {@code w1_slave} file in
 * the exact two-line format, scratchpad bytes and CRC included. {@link #refresh()} writes a reading of the
 * {@link DailyWeather} at the clock's time (the real file converts on every read; call refresh as often as a
 * conversion should happen). Files are replaced atomically so a reader never sees half a file.
 *
 * <p>Faults: {@link #writeCrcFailure} (line 1 says NO and line 2 repeats the last good bytes, as the kernel
 * does), {@link #writePowerOnValue} (+85 °C, no conversion), {@link #writeRaw} (any text), {@link #unplug} (the
 * folder disappears, as when the sensor is disconnected and the w1 master times it out).
 */
public final class Ds18b20Simulator {
    private final Path folder;
    private final Clock clock;
    private final DailyWeather weather;
    private byte[] lastGood = new byte[9];

    public Ds18b20Simulator(Path w1Root, String sensorId, Clock clock, DailyWeather weather) {
        this.folder = w1Root.resolve(sensorId);
        this.clock = clock;
        this.weather = weather;
        plugIn();
    }

    public void plugIn() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void unplug() {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void refresh() {
        writeTemperature(weather.temperatureC(clock.wallMillis()));
    }

    /** Writes a good reading of {@code celsius}, rounded to the 12-bit resolution of 1/16 °C. */
    public void writeTemperature(double celsius) {
        int raw = (int) Math.round(celsius * 16);
        byte[] sp = scratchpad(raw, 0x10 - (raw & 0x0F));
        lastGood = sp;
        write(hex(sp) + ": crc=" + String.format("%02x", sp[8] & 0xFF) + " YES\n" + hex(sp) + "t="
                + (raw * 1000 / 16) + "\n");
    }

    public void writeCrcFailure() {
        byte[] sp = scratchpad(0x0191, 0x0F);
        sp[8] ^= 0x5A;
        int computed = DallasCrc8.compute(sp, 0, 8);
        write(hex(sp) + ": crc=" + String.format("%02x", computed) + " NO\n" + hex(lastGood) + "t="
                + tOf(lastGood) + "\n");
    }

    public void writePowerOnValue() {
        byte[] sp = scratchpad(0x0550, 0x0C);
        write(hex(sp) + ": crc=" + String.format("%02x", sp[8] & 0xFF) + " YES\n" + hex(sp) + "t=85000\n");
    }

    public void writeRaw(String text) {
        write(text);
    }

    private static int tOf(byte[] sp) {
        return (short) (((sp[1] & 0xFF) << 8) | (sp[0] & 0xFF)) * 1000 / 16;
    }

    /** TH 0x4B, TL 0x46, 12-bit config 0x7F, reserved FF ?? 10, CRC: the layout of datasheet Table 1. */
    private static byte[] scratchpad(int raw, int byte6) {
        byte[] sp = {(byte) raw, (byte) (raw >> 8), 0x4B, 0x46, 0x7F, (byte) 0xFF, (byte) byte6, 0x10, 0};
        sp[8] = (byte) DallasCrc8.compute(sp, 0, 8);
        return sp;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x & 0xFF));
        }
        return sb.toString();
    }

    private void write(String text) {
        try {
            Path tmp = Files.createTempFile(folder, ".w1_slave", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
            Files.move(tmp, folder.resolve("w1_slave"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
