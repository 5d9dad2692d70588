package io.edgegateway.drivers.rdm6300;

import io.edgegateway.drivers.BasicDriverType;

/** The {@code rdm6300} driver type: EM4100 125 kHz tags from an RDM6300 module on a UART. */
public final class Rdm6300DriverType extends BasicDriverType<Rdm6300Options> {
    public static final String NAME = "rdm6300";

    public Rdm6300DriverType() {
        super(NAME, "1", "RDM6300 125 kHz EM4100 tag reader on a serial port (9600 8N1)",
                Rdm6300Options.SCHEMA,
                raw -> Rdm6300Options.from(Rdm6300Options.SCHEMA.parse(raw)), Rdm6300Driver::new);
    }
}
