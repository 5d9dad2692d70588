package io.edgegateway.drivers.rdm6300;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.SerialPortWiring;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.List;

/**
 * Options of an {@code rdm6300} reader. The baud rate is not an option: the module only speaks 9600 8N1
 * (RDM6300 datasheet). The repeat window defaults to 500 ms, the card-removed time python-rdm6300 uses; the
 * module re-sends a held card's frame faster than that, so one presentation gives one event.
 *
 * @param port           serial device path, e.g. {@code /dev/serial0} or a {@code /dev/serial/by-id/} path
 * @param repeatWindowMs a tag seen again within this many ms of its last frame is the same presentation
 * @param pollIntervalMs how often the port is drained
 */
public record Rdm6300Options(String port, long repeatWindowMs, long pollIntervalMs) implements DriverOptions {
    public static final OptionSchema SCHEMA = new OptionSchema("rdm6300", List.of(
            OptionSpec.string("port").withPattern("/dev/\\S+")
                    .describedAs("Serial device the reader's TX is wired to; header UART or a /dev/serial/by-id path"),
            OptionSpec.integer("repeat-window", "ms").withDefault(500).withRange(50, 60_000)
                    .describedAs("A tag read again within this time of its previous frame is not reported again"),
            OptionSpec.integer("poll-interval", "ms").withDefault(50).withRange(10, 1_000)
                    .describedAs("How often received bytes are decoded")));

    static Rdm6300Options from(OptionValues v) {
        return new Rdm6300Options(v.getString("port"), v.getLong("repeat-window"), v.getLong("poll-interval"));
    }

    @Override
    public Wiring wiring() {
        return SerialPortWiring.forPort(port);
    }
}
