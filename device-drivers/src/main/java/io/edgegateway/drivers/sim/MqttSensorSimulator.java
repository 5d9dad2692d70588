package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Sensors that publish to a real broker the way Tasmota and Zigbee2MQTT do: Tasmota telemetry on
 * {@code tele/<topic>/SENSOR} ({@code {"Time":...,"BME280":{"Temperature":..,"Humidity":..,"DewPoint":..,
 * "Pressure":..},"PressureUnit":"hPa","TempUnit":"C"}}) and Zigbee2MQTT device state on
 * {@code zigbee2mqtt/<friendly name>} ({@code {"battery":..,"humidity":..,"linkquality":..,"temperature":..,
 * "voltage":..}}), at QoS 1 like the gateway subscribes. Readings follow a daily temperature curve with noise.
 * Faults: malformed JSON, a payload missing a field, and a broker restart (when it was given the broker).
 * Publishes through Paho's MQTT 3.1.1 client and reconnects by itself once the broker is back.
 */
public final class MqttSensorSimulator implements AutoCloseable {
    private final MqttClient client;
    private final MqttConnectOptions connectOptions = new MqttConnectOptions();
    private final MosquittoBroker broker;

    /** A simulator for an external broker at {@code serverUri}; it cannot restart that broker. */
    public MqttSensorSimulator(String serverUri, String clientId) throws BusException {
        this(serverUri, clientId, null);
    }

    /** A simulator that may also restart {@code broker} as a fault. */
    public MqttSensorSimulator(MosquittoBroker broker, String clientId) throws BusException {
        this(broker.uri(), clientId, broker);
    }

    private MqttSensorSimulator(String serverUri, String clientId, MosquittoBroker broker) throws BusException {
        this.broker = broker;
        try {
            client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new BusException("simulated sensors: " + e.getMessage(), e);
        }
        client.setTimeToWait(5_000);
        connectOptions.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connectOptions.setCleanSession(true);
        connectOptions.setConnectionTimeout(5);
        ensureConnected();
    }

    /** Tasmota's SENSOR telemetry of a BME280, one decimal as Tasmota prints by default. */
    public static String tasmotaSensorJson(LocalDateTime time, double temperatureC, double humidityPct,
                                           double pressureHpa) {
        return String.format(Locale.ROOT, "{\"Time\":\"%s\",\"BME280\":{\"Temperature\":%.1f,\"Humidity\":%.1f,"
                        + "\"DewPoint\":%.1f,\"Pressure\":%.1f},\"PressureUnit\":\"hPa\",\"TempUnit\":\"C\"}",
                time.truncatedTo(ChronoUnit.SECONDS), temperatureC, humidityPct,
                dewPoint(temperatureC, humidityPct), pressureHpa);
    }

    /** Zigbee2MQTT state of a temperature/humidity sensor (keys as its "exposes" name them). */
    public static String zigbeeJson(double temperatureC, double humidityPct, int batteryPct, int linkQuality) {
        return String.format(Locale.ROOT, "{\"battery\":%d,\"humidity\":%.2f,\"linkquality\":%d,"
                        + "\"temperature\":%.2f,\"voltage\":%d}", batteryPct, humidityPct, linkQuality,
                temperatureC, 2_700 + batteryPct * 3);
    }

    /** Magnus formula (coefficients 17.62 and 243.12 °C), the dew point Tasmota adds to humidity sensors. */
    static double dewPoint(double temperatureC, double humidityPct) {
        double alpha = Math.log(Math.max(humidityPct, 0.1) / 100) + 17.62 * temperatureC / (243.12 + temperatureC);
        return 243.12 * alpha / (17.62 - alpha);
    }

    public void publish(String topic, String payload, int qos, boolean retained) throws BusException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        m.setRetained(retained);
        try {
            ensureConnected();
            client.publish(topic, m);
        } catch (MqttException first) {
            // The broker may have restarted under an established connection: reconnect once and resend.
            try {
                ensureConnected();
                client.publish(topic, m);
            } catch (MqttException e) {
                throw new BusException("publish to " + topic + ": " + e.getMessage(), e);
            }
        }
    }

    public void publishTasmota(String deviceTopic, LocalDateTime time, double temperatureC, double humidityPct,
                               double pressureHpa) throws BusException {
        publish("tele/" + deviceTopic + "/SENSOR", tasmotaSensorJson(time, temperatureC, humidityPct, pressureHpa),
                1, false);
    }

    public void publishZigbee(String friendlyName, double temperatureC, double humidityPct, int batteryPct,
                              int linkQuality) throws BusException {
        publish("zigbee2mqtt/" + friendlyName, zigbeeJson(temperatureC, humidityPct, batteryPct, linkQuality), 1,
                false);
    }

    /** Fault: a Tasmota payload cut off mid-number, as a publisher losing power mid-write would leave it. */
    public void publishMalformed(String deviceTopic) throws BusException {
        String full = tasmotaSensorJson(LocalDateTime.of(2024, 1, 1, 0, 0), 21.5, 40, 1000);
        publish("tele/" + deviceTopic + "/SENSOR", full.substring(0, full.indexOf("Humidity") + 12), 1, false);
    }

    /** Fault: a Tasmota payload whose BME280 object lacks Humidity (a sensor reporting only part of its data). */
    public void publishMissingHumidity(String deviceTopic, double temperatureC) throws BusException {
        publish("tele/" + deviceTopic + "/SENSOR", String.format(Locale.ROOT,
                "{\"Time\":\"2024-01-01T00:00:00\",\"BME280\":{\"Temperature\":%.1f,\"Pressure\":1013.0},"
                        + "\"PressureUnit\":\"hPa\",\"TempUnit\":\"C\"}", temperatureC), 1, false);
    }

    /** Fault: the broker goes down and comes back on the same port with its saved sessions. */
    public void restartBroker() throws IOException {
        if (broker == null) {
            throw new IllegalStateException("this simulator publishes to an external broker it cannot restart");
        }
        broker.restart();
    }

    /**
     * Realistic traffic: every {@code periodMillis}, each Tasmota topic and each Zigbee2MQTT name publishes a
     * reading on a daily curve (coolest around 03:00 UTC, warmest around 15:00), with a fraction
     * {@code faultRate} of malformed or incomplete Tasmota payloads. Cancel the handle to stop.
     */
    public Scheduler.Cancellable scheduleReadings(Scheduler scheduler, Clock clock, List<String> tasmotaTopics,
                                                  List<String> zigbeeNames, long periodMillis, double faultRate,
                                                  RandomGenerator random) {
        return scheduler.scheduleAtFixedRate(() -> {
            long now = clock.wallMillis();
            LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
            try {
                for (String t : tasmotaTopics) {
                    double temp = dailyTemperature(now) + random.nextGaussian() * 0.2;
                    double u = random.nextDouble();
                    if (u < faultRate / 2) {
                        publishMalformed(t);
                    } else if (u < faultRate) {
                        publishMissingHumidity(t, temp);
                    } else {
                        publishTasmota(t, local, temp, humidityFor(temp, random), 1013 + random.nextGaussian());
                    }
                }
                for (String z : zigbeeNames) {
                    double temp = dailyTemperature(now) - 1.5 + random.nextGaussian() * 0.2;
                    publishZigbee(z, temp, humidityFor(temp, random), 80 + random.nextInt(21),
                            60 + random.nextInt(120));
                }
            } catch (BusException e) {
                // the broker is away (a restart fault): this period's readings are lost, like a real sensor's
            }
        }, periodMillis, periodMillis);
    }

    /** 21 °C mean, ±3 °C over the day. */
    static double dailyTemperature(long wallMillis) {
        double hours = (wallMillis / 3_600_000.0) % 24;
        return 21 + 3 * Math.sin(2 * Math.PI * (hours - 9) / 24);
    }

    private static double humidityFor(double temperatureC, RandomGenerator random) {
        return Math.max(5, Math.min(95, 50 - 2.5 * (temperatureC - 21) + random.nextGaussian()));
    }

    private void ensureConnected() throws BusException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        MqttException last = null;
        while (!client.isConnected() && System.nanoTime() < deadline) {
            try {
                client.connect(connectOptions);
            } catch (MqttException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!client.isConnected()) {
            throw new BusException("simulated sensors cannot reach the broker", last);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            client.close();
        } catch (MqttException e) {
            // nothing more to release
        }
    }
}
