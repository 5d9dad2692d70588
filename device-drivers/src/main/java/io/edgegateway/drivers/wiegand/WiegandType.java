package io.edgegateway.drivers.wiegand;

import io.edgegateway.drivers.BasicDriverType;

/** The {@code wiegand} driver type: 26/34/37-bit access card readers on two GPIO lines. */
public final class WiegandType extends BasicDriverType<WiegandOptions> {
    public WiegandType() {
        super("wiegand", "1", "Wiegand 26/34/37-bit card reader on two GPIO inputs (DATA0, DATA1).",
                WiegandOptions.SCHEMA, WiegandOptions::parse, WiegandDriver::new);
    }
}
