package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bme280.Bme280Options;
import io.edgegateway.drivers.bus.Pull;
import io.edgegateway.drivers.ds18b20.Ds18b20Options;
import io.edgegateway.drivers.gpio.GpioInputOptions;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.mfrc522.Mfrc522Options;
import io.edgegateway.drivers.mqtt.MqttSubscriberOptions;
import io.edgegateway.drivers.pn532.Iso14443aTarget;
import io.edgegateway.drivers.pn532.Pn532Options;
import io.edgegateway.drivers.nmea.NmeaGpsOptions;
import io.edgegateway.drivers.rdm6300.Em4100Tag;
import io.edgegateway.drivers.rdm6300.Rdm6300Options;
import io.edgegateway.drivers.seriallines.SerialLinesOptions;
import io.edgegateway.drivers.sim.ArduinoLineSimulator;
import io.edgegateway.drivers.sim.Bme280Simulator;
import io.edgegateway.drivers.sim.ButtonSimulator;
import io.edgegateway.drivers.sim.DailyWeather;
import io.edgegateway.drivers.sim.ChipSerialPort;
import io.edgegateway.drivers.sim.Ds18b20Simulator;
import io.edgegateway.drivers.sim.Mfrc522Simulator;
import io.edgegateway.drivers.sim.MqttSensorSimulator;
import io.edgegateway.drivers.sim.NmeaGpsSimulator;
import io.edgegateway.drivers.sim.Pn532Simulator;
import io.edgegateway.drivers.sim.Rdm6300Simulator;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.drivers.sim.WiegandSimulator;
import io.edgegateway.drivers.wiegand.WiegandFormat;
import io.edgegateway.drivers.wiegand.WiegandOptions;
import io.edgegateway.gateway.config.DeviceConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a simulated chip wherever a configured device expects one on the {@link SimulatedHardware}, so
 * {@code --simulate} runs the real drivers against bus-level simulators: a BME280 register map on its I2C address, a DS18B20
 * folder in the simulated 1-Wire sysfs (rewritten every few seconds, as conversions happen), a push button pressed
 * every {@value #BUTTON_PERIOD_MS} ms on a gpio-input pin, and a Wiegand reader presenting one of three cards every
 * {@value #CARD_PERIOD_MS} ms. On the simulated serial ports: an RDM6300 holding one of three EM4100 tags up for a
 * second every {@value #CARD_PERIOD_MS} ms, a GPS receiver walking north at 1 Hz, and an Arduino sensor board printing
 * a line every {@value #LINE_PERIOD_MS} ms. A PN532 (on its HSU serial port) and an MFRC522 (on its SPI chip select)
 * have one of three ISO 14443A cards in their field for a second every {@value #CARD_PERIOD_MS} ms. An mqtt-subscriber
 * on the simulation's own broker gets a Tasmota BME280 publishing its telemetry every {@value #SENSOR_REFRESH_MS} ms;
 * one on any other broker is left alone, since publishing into a real broker would mix made-up readings with real ones.
 * Pulses take real time (a 26-bit frame about 50 ms) on the shared scheduler, which is what a reader does to a real
 * driver too. Re-attaching a device id stops its previous stimulus. A device type without a simulator here finds
 * nothing on its bus and is retried like an unplugged device; that is not a config error.
 */
public final class DeviceSimulators implements AutoCloseable {
    /** The driver types {@link #attach} has a simulator for. */
    public static final java.util.Set<String> SIMULATED_TYPES = java.util.Set.of("bme280", "ds18b20", "gpio-input",
            "wiegand", "rdm6300", "nmea-gps", "serial-lines", "pn532", "mfrc522",
            "mqtt-subscriber");

    static final long BUTTON_PERIOD_MS = 10_000;
    static final long CARD_PERIOD_MS = 15_000;
    static final long SENSOR_REFRESH_MS = 2_000;
    static final long LINE_PERIOD_MS = 2_000;
    private static final long TAG_DWELL_MS = 1_000;
    private static final List<Mfrc522Simulator.Tag> MIFARE_TAGS = List.of(
            Mfrc522Simulator.Tag.mifareClassic1k(0xDE, 0xAD, 0xBE, 0xEF),
            Mfrc522Simulator.Tag.mifareClassic1k(0x12, 0x34, 0x56, 0x78),
            Mfrc522Simulator.Tag.ntag213(0x04, 0x6F, 0x12, 0x8A, 0x3B, 0x52, 0x80));
    private static final List<Iso14443aTarget> PN532_CARDS = List.of(
            new Iso14443aTarget(new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF}, 0x0004, 0x08,
                    new byte[0]),
            new Iso14443aTarget(new byte[] {0x12, 0x34, 0x56, 0x78}, 0x0004, 0x08, new byte[0]),
            new Iso14443aTarget(new byte[] {0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66}, 0x0044, 0x00,
                    new byte[0]));
    private static final List<Em4100Tag> TAGS = List.of(new Em4100Tag(0x06, 0x00775522L),
            new Em4100Tag(0x3E, 0x00A1B2C3L), new Em4100Tag(0x01, 0x00001234L));
    private static final List<WiegandSimulator.Tag> CARDS = List.of(
            new WiegandSimulator.Tag(WiegandFormat.H10301_26, 18, 4_242),
            new WiegandSimulator.Tag(WiegandFormat.H10301_26, 18, 1_337),
            new WiegandSimulator.Tag(WiegandFormat.H10301_26, 200, 65_000));

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSimulators.class);

    private final SimulatedHardware hardware;
    private final String simulationBroker;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<String, Scheduler.Cancellable> stimuli = new ConcurrentHashMap<>();

    public DeviceSimulators(SimulatedHardware hardware, Clock clock, Scheduler scheduler) {
        this(hardware, clock, scheduler, null);
    }

    /** With {@code simulationBroker}, the URI of a broker started for the simulation, or null if there is none. */
    public DeviceSimulators(SimulatedHardware hardware, Clock clock, Scheduler scheduler, String simulationBroker) {
        this.hardware = hardware;
        this.simulationBroker = simulationBroker;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Attaches the simulator for one device; true if its type has one. */
    public boolean attach(DeviceConfig device) {
        Scheduler.Cancellable previous = stimuli.remove(device.id());
        if (previous != null) {
            previous.cancel();
        }
        Object options = device.device().options();
        if (options instanceof Bme280Options o) {
            hardware.i2c().attach(o.i2cBus(), o.address(), new Bme280Simulator(clock, weather()));
            return true;
        }
        if (options instanceof Ds18b20Options o) {
            String id = o.sensorId().equals(Ds18b20Options.AUTO) ? "28-00000000" + String.format("%04x",
                    Math.abs(device.id().hashCode()) % 0x10000) : o.sensorId();
            Ds18b20Simulator sensor = new Ds18b20Simulator(hardware.w1Root(), id, clock, weather());
            sensor.refresh();
            stimuli.put(device.id(), scheduler.scheduleAtFixedRate(sensor::refresh, SENSOR_REFRESH_MS,
                    SENSOR_REFRESH_MS));
            return true;
        }
        if (options instanceof GpioInputOptions o) {
            boolean idleHigh = o.pull() == Pull.UP;
            ButtonSimulator button = new ButtonSimulator(hardware.pin(o.pin(), idleHigh), idleHigh,
                    LockSupport::parkNanos);
            stimuli.put(device.id(), scheduler.scheduleAtFixedRate(() -> button.press(50, 2), 1_000,
                    BUTTON_PERIOD_MS));
            return true;
        }
        if (options instanceof WiegandOptions o) {
            WiegandSimulator reader = new WiegandSimulator(hardware.pin(o.d0(), true), hardware.pin(o.d1(), true),
                    LockSupport::parkNanos);
            stimuli.put(device.id(), scheduler.scheduleAtFixedRate(
                    () -> reader.scanRandom(CARDS, RandomGenerator.getDefault()), 2_000, CARD_PERIOD_MS));
            return true;
        }
        if (options instanceof Rdm6300Options o) {
            RandomGenerator random = RandomGenerator.getDefault();
            Rdm6300Simulator reader = new Rdm6300Simulator(mount(o.port()), scheduler, random);
            // First tag after 2 s, like the Wiegand reader: the driver has opened the port by then, and a UART
            // drops what arrives while nobody listens.
            stimuli.put(device.id(), scheduler.scheduleAtFixedRate(
                    () -> reader.present(TAGS.get(random.nextInt(TAGS.size())), TAG_DWELL_MS), 2_000,
                    CARD_PERIOD_MS));
            return true;
        }
        if (options instanceof NmeaGpsOptions o) {
            // GPS time starts at the gateway's wall clock, so the time events do not claim the clock is off.
            NmeaGpsSimulator gps = new NmeaGpsSimulator(mount(o.port()), scheduler, RandomGenerator.getDefault(),
                    Instant.ofEpochMilli(clock.wallMillis()), 47.3769, 8.5417, 3.0, 0.0);
            gps.start(1_000);
            stimuli.put(device.id(), gps::stop);
            return true;
        }
        if (options instanceof SerialLinesOptions o) {
            ArduinoLineSimulator board = new ArduinoLineSimulator(mount(o.port()), scheduler,
                    RandomGenerator.getDefault(), clock.wallMillis());
            board.start(LINE_PERIOD_MS);
            stimuli.put(device.id(), board::stop);
            return true;
        }
        if (options instanceof Pn532Options o && o.hsu()) {
            RandomGenerator random = RandomGenerator.getDefault();
            Pn532Simulator chip = new Pn532Simulator(scheduler, random, o.port());
            hardware.serial().mount(chip.hsu());
            stimuli.put(device.id(), cardsEvery(() -> chip.present(PN532_CARDS.get(random.nextInt(
                    PN532_CARDS.size()))), chip::remove));
            return true;
        }
        if (options instanceof Mfrc522Options o) {
            RandomGenerator random = RandomGenerator.getDefault();
            Mfrc522Simulator chip = new Mfrc522Simulator();
            hardware.attachSpi(o.spiBus(), o.chipSelect(), chip);
            stimuli.put(device.id(), cardsEvery(() -> chip.present(MIFARE_TAGS.get(random.nextInt(
                    MIFARE_TAGS.size()))), chip::clearField));
            return true;
        }
        if (options instanceof MqttSubscriberOptions o && o.broker().equals(simulationBroker)) {
            MqttSensorSimulator sensors;
            try {
                sensors = new MqttSensorSimulator(o.broker(), "simulated-sensors-" + device.id());
            } catch (BusException e) {
                LOG.warn("no simulated MQTT sensors for {}: {}", device.id(), e.getMessage());
                return false;
            }
            // The device id is the Tasmota topic, so the reading's sensor id names the simulated device.
            Scheduler.Cancellable readings = sensors.scheduleReadings(scheduler, clock, List.of(device.id()),
                    List.of(), SENSOR_REFRESH_MS, 0, RandomGenerator.getDefault());
            stimuli.put(device.id(), () -> {
                readings.cancel();
                sensors.close();
            });
            return true;
        }
        return false;
    }

    /** Stops every stimulus and disconnects the simulated MQTT sensors. */
    @Override
    public void close() {
        stimuli.values().forEach(Scheduler.Cancellable::cancel);
        stimuli.clear();
    }

    /** Puts a card into a reader's field for {@value #TAG_DWELL_MS} ms every {@value #CARD_PERIOD_MS} ms. */
    private Scheduler.Cancellable cardsEvery(Runnable present, Runnable remove) {
        return scheduler.scheduleAtFixedRate(() -> {
            present.run();
            scheduler.schedule(remove, TAG_DWELL_MS);
        }, 2_000, CARD_PERIOD_MS);
    }

    private ChipSerialPort mount(String path) {
        return hardware.serial().mount(new ChipSerialPort(path));
    }

    private static DailyWeather weather() {
        return new DailyWeather(21, 3, RandomGenerator.getDefault());
    }
}
