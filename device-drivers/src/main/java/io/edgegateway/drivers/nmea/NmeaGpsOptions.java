package io.edgegateway.drivers.nmea;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.SerialPortWiring;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.List;

/**
 * Options of an {@code nmea-gps} receiver. Most modules (u-blox NEO-6/7/M8, MTK) talk 9600 baud 8N1 out of
 * the box and send a burst of sentences once a second, so the silence timeout of 5 s means the receiver
 * stopped talking, not that it is between fixes. Position and time events are rate-limited separately: a
 * tracker wants every fix, a clock corrector a time sample now and then.
 *
 * @param positionIntervalMs minimum time between position events; 0 emits every valid GGA
 * @param timeIntervalMs     minimum time between time events
 * @param silenceTimeoutMs   no byte for this long fails the device; 0 never
 */
public record NmeaGpsOptions(String port, int baud, int maxSentenceLength, boolean requireChecksum,
                             long positionIntervalMs, long timeIntervalMs, long silenceTimeoutMs,
                             long pollIntervalMs) implements DriverOptions {
    public static final OptionSchema SCHEMA = new OptionSchema("nmea-gps", List.of(
            OptionSpec.string("port").withPattern("/dev/\\S+")
                    .describedAs("Serial device the receiver's TX is wired to"),
            OptionSpec.choice("baud", "4800", "9600", "19200", "38400", "57600", "115200").withDefault("9600")
                    .describedAs("Receiver baud rate, 8N1; NMEA 0183 specifies 4800, most modules ship with 9600"),
            OptionSpec.integer("max-sentence-length", "characters").withDefault(100).withRange(80, 1_024)
                    .describedAs("Longer sentences are rejected; the standard allows 80, some receivers send ~100"),
            OptionSpec.bool("require-checksum").withDefault(true)
                    .describedAs("Reject sentences without a *hh checksum"),
            OptionSpec.integer("position-interval", "ms").withDefault(1_000).withRange(0, 3_600_000)
                    .describedAs("Minimum time between position events; 0 reports every fix"),
            OptionSpec.integer("time-interval", "ms").withDefault(60_000).withRange(1_000, 86_400_000)
                    .describedAs("Minimum time between GPS time events used for clock correction"),
            OptionSpec.integer("silence-timeout", "ms").withDefault(5_000).withRange(0, 600_000)
                    .describedAs("Fail and restart the device after this long without a byte; 0 disables"),
            OptionSpec.integer("poll-interval", "ms").withDefault(50).withRange(10, 1_000)
                    .describedAs("How often received bytes are decoded")));

    static NmeaGpsOptions from(OptionValues v) {
        return new NmeaGpsOptions(v.getString("port"), Integer.parseInt(v.getString("baud")),
                v.getInt("max-sentence-length"), v.getBoolean("require-checksum"), v.getLong("position-interval"),
                v.getLong("time-interval"), v.getLong("silence-timeout"), v.getLong("poll-interval"));
    }

    @Override
    public Wiring wiring() {
        return SerialPortWiring.forPort(port);
    }
}
