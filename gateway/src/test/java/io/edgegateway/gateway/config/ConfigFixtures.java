package io.edgegateway.gateway.config;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.DriverRegistry;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.bme280.Bme280Type;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import io.edgegateway.log.Durability;
import io.edgegateway.log.TopicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Readers wired with a known machine serial, a fake environment and the drivers the tests name. */
final class ConfigFixtures {
    static final String SERIAL = "10000000abcdef12";

    /** A config that uses every section; the truncation test cuts it at every line. */
    static final String FULL = """
            # The hall gateway
            gateway:
              id: gw-hall-01
            board: raspberry-pi-4b
            log:
              disk-budget: 2GiB
            topics:
              sensors.environment:
                partitions: 4
                retention: 7d
                retention-bytes: 512MiB
                durability: interval
                flush-interval: 200ms
                priority: 0
              access.rfid:
                partitions: 2
                durability: always
                priority: 10
                retention: forever
              io.gpio: {}
            devices:
              - id: hall-climate
                type: bme280
                topic: sensors.environment
                options:
                  period: 30
                  address: 0x77
              - id: attic-climate
                type: bme280
                topic: sensors.environment
              - id: door
                type: test-contact
                topic: io.gpio
                options:
                  pin: 17
            uplink:
              bootstrap-servers: kafka.example.net:9093
              sasl:
                username: gw-hall-01
                password: ${env:KAFKA_PASSWORD}
            web:
              port: 8443
              bind: 0.0.0.0
            """;

    private ConfigFixtures() {
    }

    static List<TopicConfig> defaultTopics() {
        return List.of(TopicConfig.builder("sensors.environment").partitions(4).build(),
                TopicConfig.builder("access.rfid").partitions(2).durability(Durability.ALWAYS).priority(10).build(),
                TopicConfig.builder("io.gpio").partitions(2).build());
    }

    static DriverRegistry registry() {
        return new DriverRegistry().register(new Bme280Type()).register(new ContactType());
    }

    /** A machine whose device tree holds {@link #SERIAL}. */
    static MachineIdentity machine(Path dir) throws IOException {
        Path serial = Files.writeString(dir.resolve("serial-number"), SERIAL + "\0");
        return new MachineIdentity(serial, dir.resolve("no-cpuinfo"), dir.resolve("no-machine-id"));
    }

    static MachineIdentity anonymousMachine(Path dir) {
        return new MachineIdentity(dir.resolve("none-1"), dir.resolve("none-2"), dir.resolve("none-3"));
    }

    static ConfigReader reader(Path dir, Map<String, String> env) throws IOException {
        return new ConfigReader(registry(), machine(dir), new SecretResolver(env::get), defaultTopics());
    }

    /** A one-pin device type, so pin conflicts can be tested without the other branches' drivers. */
    record ContactOptions(int pin) implements DriverOptions {
        @Override
        public Wiring wiring() {
            return Wiring.pins(Map.of("pin", pin));
        }
    }

    static final class ContactType implements DriverType<ContactOptions> {
        static final OptionSchema SCHEMA = new OptionSchema("test-contact", List.of(OptionSpec.gpioPin("pin"),
                OptionSpec.string("label").withDefault("").withPattern("[a-z]*")));

        @Override
        public String name() {
            return "test-contact";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public String description() {
            return "A door contact on one pin, for tests.";
        }

        @Override
        public OptionSchema options() {
            return SCHEMA;
        }

        @Override
        public ContactOptions parse(Map<String, ?> raw) throws InvalidOptionsException {
            OptionValues v = SCHEMA.parse(raw);
            return new ContactOptions(v.getInt("pin"));
        }

        @Override
        public Driver create(ContactOptions options, Buses buses) {
            return new Driver() {
                @Override
                public void start(DriverContext context) {
                }

                @Override
                public void stop() {
                }
            };
        }
    }
}
