package io.edgegateway.drivers.seriallines;

import io.edgegateway.drivers.BasicDriverType;

/** The {@code serial-lines} driver type: text lines from a serial device mapped to typed fields by a pattern. */
public final class SerialLinesDriverType extends BasicDriverType<SerialLinesOptions> {
    public static final String NAME = SerialLinesOptions.TYPE;

    public SerialLinesDriverType() {
        super(NAME, "1",
                "Text lines from a serial device (Arduino-style sensors) mapped to fields by a regular expression",
                SerialLinesOptions.SCHEMA,
                raw -> SerialLinesOptions.from(SerialLinesOptions.SCHEMA.parse(raw)), SerialLinesDriver::new);
    }
}
