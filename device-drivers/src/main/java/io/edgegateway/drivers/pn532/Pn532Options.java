package io.edgegateway.drivers.pn532;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.SerialPortWiring;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionProblem;
import io.edgegateway.drivers.options.OptionRole;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.List;

/**
 * Options of a {@code pn532} NFC reader. The interface is chosen with the module's DIP switches (or solder
 * jumpers) and must match: {@code i2c} on bus 1 at address {@code 0x24} (36), or {@code hsu} on a serial
 * port, where the port is then required. Timeouts: the PN532 ACKs a command within a few milliseconds and
 * answers the commands used here well within 100 ms, so 100 ms for the ACK and 500 ms for the answer leave
 * ample room; after {@code max-retries} unanswered commands in a row the device is reported broken.
 */
public record Pn532Options(String iface, int i2cBus, int i2cAddress, String port, int baud, long pollIntervalMs,
                           long repeatWindowMs, long ackTimeoutMs, long responseTimeoutMs, int maxRetries)
        implements DriverOptions {
    static final String TYPE = "pn532";

    public static final OptionSchema SCHEMA = new OptionSchema(TYPE, List.of(
            OptionSpec.choice("interface", "i2c", "hsu").withDefault("i2c")
                    .describedAs("Host interface selected on the module: i2c or hsu (UART)"),
            OptionSpec.integer("i2c-bus", "").withDefault(1).withRange(0, 22).withRole(OptionRole.BUS)
                    .describedAs("I2C bus number, /dev/i2c-N; 1 on the header pins 3 and 5"),
            OptionSpec.integer("i2c-address", "").withDefault(0x24).withRange(0x08, 0x77)
                    .describedAs("7-bit I2C address; the PN532 answers at 0x24 (36)"),
            OptionSpec.string("port").withDefault("")
                    .describedAs("Serial device for hsu, e.g. /dev/serial0; required with interface hsu"),
            OptionSpec.choice("baud", "9600", "19200", "38400", "57600", "115200").withDefault("115200")
                    .describedAs("HSU baud rate, 8N1; the PN532 starts at 115200"),
            OptionSpec.integer("poll-interval", "ms").withDefault(200).withRange(20, 10_000)
                    .describedAs("Pause between InListPassiveTarget polls"),
            OptionSpec.integer("repeat-window", "ms").withDefault(1_000).withRange(0, 60_000)
                    .describedAs("A UID found again within this time of its last sighting is not reported again"),
            OptionSpec.integer("ack-timeout", "ms").withDefault(100).withRange(10, 5_000)
                    .describedAs("How long to wait for the ACK of a command"),
            OptionSpec.integer("response-timeout", "ms").withDefault(500).withRange(20, 10_000)
                    .describedAs("How long to wait for the response after the ACK"),
            OptionSpec.integer("max-retries", "").withDefault(3).withRange(1, 20)
                    .describedAs("Unanswered or refused commands in a row before the device is reported broken")));

    static Pn532Options from(OptionValues v) throws InvalidOptionsException {
        String iface = v.getString("interface");
        String port = v.getString("port");
        if (iface.equals("hsu") && !port.matches("/dev/\\S+")) {
            throw new InvalidOptionsException(TYPE, List.of(new OptionProblem("port",
                    "interface hsu needs a serial device path such as /dev/serial0, got '" + port + "'")));
        }
        return new Pn532Options(iface, v.getInt("i2c-bus"), v.getInt("i2c-address"), port,
                Integer.parseInt(v.getString("baud")), v.getLong("poll-interval"), v.getLong("repeat-window"),
                v.getLong("ack-timeout"), v.getLong("response-timeout"), v.getInt("max-retries"));
    }

    public boolean hsu() {
        return iface.equals("hsu");
    }

    @Override
    public Wiring wiring() {
        return hsu() ? SerialPortWiring.forPort(port) : Wiring.bus("i2c-" + i2cBus);
    }
}
