package io.edgegateway.drivers.nmea;

import io.edgegateway.drivers.BasicDriverType;

/** The {@code nmea-gps} driver type: position and UTC time from an NMEA 0183 GNSS receiver on a serial port. */
public final class NmeaGpsDriverType extends BasicDriverType<NmeaGpsOptions> {
    public static final String NAME = "nmea-gps";

    public NmeaGpsDriverType() {
        super(NAME, "1", "GPS/GNSS receiver speaking NMEA 0183 (GGA, RMC) on a serial port",
                NmeaGpsOptions.SCHEMA,
                raw -> NmeaGpsOptions.from(NmeaGpsOptions.SCHEMA.parse(raw)), NmeaGpsDriver::new);
    }
}
