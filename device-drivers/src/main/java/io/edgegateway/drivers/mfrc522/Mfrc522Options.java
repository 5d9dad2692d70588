package io.edgegateway.drivers.mfrc522;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionProblem;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.List;
import java.util.Map;

/**
 * Typed options of an {@code mfrc522} device: which SPI bus and chip select it is on, the SPI clock, how often
 * the field is polled, how long a tag must be away before it is reported again, the receiver gain, and whether
 * the common non-NXP chips are accepted.
 */
public record Mfrc522Options(int spiBus, int chipSelect, int clockHz, long pollIntervalMs, long repeatWindowMs,
                             int rxGainDb, boolean acceptClones) implements DriverOptions {

    /** RFCfgReg RxGain codes by gain in dB (datasheet §9.3.3.6, Table 98; codes 2 and 3 repeat 18 and 23 dB). */
    private static final Map<Integer, Integer> RX_GAIN_CODES = Map.of(18, 0, 23, 1, 33, 4, 38, 5, 43, 6, 48, 7);

    static final OptionSchema SCHEMA = new OptionSchema("mfrc522", List.of(
            OptionSpec.integer("spi-bus", "").withDefault(0).withRange(0, 6)
                    .describedAs("SPI controller: 0 is SPI0 on header pins 19/21/23 (/dev/spidev0.x)"),
            OptionSpec.integer("chip-select", "").withDefault(0).withRange(0, 2)
                    .describedAs("Chip-select line: 0 = CE0 (pin 24, GPIO8), 1 = CE1 (pin 26, GPIO7)"),
            OptionSpec.integer("spi-clock", "Hz").withDefault(1_000_000).withRange(100_000, 10_000_000)
                    .describedAs("SPI clock; the MFRC522 accepts up to 10 MHz, long jumper wires want less"),
            OptionSpec.integer("poll-interval", "ms").withDefault(100).withRange(20, 10_000)
                    .describedAs("Time between two scans of the field"),
            OptionSpec.integer("repeat-window", "ms").withDefault(1_000).withRange(0, 600_000)
                    .describedAs("A tag is reported again only after it was away this long; at least poll-interval"),
            OptionSpec.integer("rx-gain", "dB").withDefault(33).withRange(18, 48)
                    .describedAs("Receiver gain: 18, 23, 33, 38, 43 or 48; raise it for small tags or weak antennas"),
            OptionSpec.bool("accept-clones").withDefault(true)
                    .describedAs("Accept FM17522 and other MFRC522 look-alikes (VersionReg 0x90, 0x88, 0x12)")));

    static Mfrc522Options from(OptionValues v) throws InvalidOptionsException {
        Mfrc522Options o = new Mfrc522Options(v.getInt("spi-bus"), v.getInt("chip-select"), v.getInt("spi-clock"),
                v.getLong("poll-interval"), v.getLong("repeat-window"), v.getInt("rx-gain"),
                v.getBoolean("accept-clones"));
        List<OptionProblem> problems = new java.util.ArrayList<>();
        if (!RX_GAIN_CODES.containsKey(o.rxGainDb)) {
            problems.add(new OptionProblem("rx-gain", o.rxGainDb + " dB is not a gain the chip has; use one of "
                    + new java.util.TreeSet<>(RX_GAIN_CODES.keySet()) + " dB"));
        }
        if (o.repeatWindowMs != 0 && o.repeatWindowMs < o.pollIntervalMs) {
            problems.add(new OptionProblem("repeat-window", o.repeatWindowMs + " ms is shorter than poll-interval ("
                    + o.pollIntervalMs + " ms), so a tag held still would be reported on every scan"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(SCHEMA.driverType(), problems);
        }
        return o;
    }

    /** RxGain bits for RFCfgReg. */
    int rxGainCode() {
        return RX_GAIN_CODES.get(rxGainDb);
    }

    @Override
    public Wiring wiring() {
        return Wiring.bus("spi-" + spiBus);
    }
}
