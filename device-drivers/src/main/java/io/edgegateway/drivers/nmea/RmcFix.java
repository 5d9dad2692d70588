package io.edgegateway.drivers.nmea;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * A valid RMC sentence (Recommended Minimum data, NMEA 0183), status A: position, speed and course at a
 * full UTC date and time. It is the only common sentence that carries the date, which is why time events
 * come from it. Speed and course are null when the receiver left them empty (course is often empty at rest).
 *
 * @param mode NMEA 2.3 mode indicator ({@code A} autonomous, {@code D} differential, {@code E} estimated), or
 *             {@code ' '} when the receiver predates it
 */
public record RmcFix(String talker, LocalDate utcDate, LocalTime utcTime, double latitudeDeg, double longitudeDeg,
                     Double speedKnots, Double courseDeg, char mode) {
    /** 1 knot = 1852 m per hour. */
    public static final double METRES_PER_SECOND_PER_KNOT = 1852.0 / 3600.0;

    public Instant utc() {
        return utcDate.atTime(utcTime).toInstant(ZoneOffset.UTC);
    }
}
