package io.edgegateway.drivers.mfrc522;

import io.edgegateway.drivers.BasicDriverType;

/**
 * The {@code mfrc522} device type: 13.56 MHz ISO 14443A tag UIDs (MIFARE Classic, Ultralight, NTAG, DESFire)
 * read with an NXP MFRC522 module over SPI. Events carry the UID as hex, its length, ATQA and SAK.
 */
public final class Mfrc522DriverType extends BasicDriverType<Mfrc522Options> {
    public Mfrc522DriverType() {
        super("mfrc522", "1", "RFID reader MFRC522 on SPI: reports the UID of ISO 14443A tags (4, 7 or 10 bytes)",
                Mfrc522Options.SCHEMA,
                raw -> Mfrc522Options.from(Mfrc522Options.SCHEMA.parse(raw)), Mfrc522Driver::new);
    }
}
