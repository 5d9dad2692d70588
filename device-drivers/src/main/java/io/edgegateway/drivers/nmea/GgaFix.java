package io.edgegateway.drivers.nmea;

import java.time.LocalTime;

/**
 * A valid GGA sentence (Global Positioning System Fix Data, NMEA 0183): position, fix quality and
 * satellites at one UTC time of day. Only fixes with quality 1..8 are built; quality 0 is rejected as no fix.
 * Optional fields the receiver left empty are null.
 *
 * @param quality    1 GPS, 2 DGPS, 3 PPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning, 7 manual, 8 simulation
 * @param altitudeM  antenna altitude above mean sea level, metres
 * @param geoidSeparationM height of the geoid above the WGS84 ellipsoid, metres
 */
public record GgaFix(String talker, LocalTime utcTime, double latitudeDeg, double longitudeDeg, int quality,
                     Integer satellites, Double hdop, Double altitudeM, Double geoidSeparationM) {
    private static final String[] QUALITY_NAMES = {"invalid", "gps", "dgps", "pps", "rtk-fixed", "rtk-float",
        "dead-reckoning", "manual", "simulation"};

    /** The fix quality as a word for events: {@code gps}, {@code dgps}, {@code rtk-fixed}, ... */
    public String qualityName() {
        return QUALITY_NAMES[quality];
    }
}
