package io.edgegateway.drivers.mfrc522;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/**
 * The {@code mfrc522} device type: 13.56 MHz ISO 14443A tag UIDs (MIFARE Classic, Ultralight, NTAG, DESFire)
 * read with an NXP MFRC522 module over SPI. Events carry the UID as hex, its length, ATQA and SAK.
 */
public final class Mfrc522DriverType implements DriverType<Mfrc522Options> {
    @Override
    public String name() {
        return "mfrc522";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "RFID reader MFRC522 on SPI: reports the UID of ISO 14443A tags (4, 7 or 10 bytes)";
    }

    @Override
    public OptionSchema options() {
        return Mfrc522Options.SCHEMA;
    }

    @Override
    public Mfrc522Options parse(Map<String, ?> raw) throws InvalidOptionsException {
        return Mfrc522Options.from(Mfrc522Options.SCHEMA.parse(raw));
    }

    @Override
    public Driver create(Mfrc522Options options, Buses buses) {
        return new Mfrc522Driver(options, buses);
    }
}
