package io.edgegateway.drivers.pn532;

import io.edgegateway.drivers.BasicDriverType;

/** The {@code pn532} driver type: ISO 14443A card UIDs from an NXP PN532 over I2C or its UART (HSU). */
public final class Pn532DriverType extends BasicDriverType<Pn532Options> {
    public static final String NAME = Pn532Options.TYPE;

    public Pn532DriverType() {
        super(NAME, "1", "NXP PN532 NFC reader (I2C or UART): UIDs of ISO 14443A cards and tags",
                Pn532Options.SCHEMA,
                raw -> Pn532Options.from(Pn532Options.SCHEMA.parse(raw)), Pn532Driver::new);
    }
}
