package io.edgegateway.drivers.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.DriverHealth;
import io.edgegateway.drivers.DriverSupervisor;
import io.edgegateway.drivers.HealthState;
import io.edgegateway.drivers.bus.MqttVersion;
import io.edgegateway.drivers.sim.Await;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.MosquittoBroker;
import io.edgegateway.drivers.sim.MqttSensorSimulator;
import io.edgegateway.drivers.sim.TcpProxy;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mqtt-subscriber driver end to end: supervisor with manual time, the Paho adapter, a real mosquitto on
 * 127.0.0.1 and simulated Tasmota/Zigbee2MQTT sensors. Message delivery is real time, so tests wait for it.
 */
class MqttSubscriberDriverTest {
    private static final String TASMOTA_FIELDS = "temperature_c=/BME280/Temperature, humidity_pct=/BME280/Humidity,"
            + " pressure_hpa=/BME280/Pressure";
    private static final LocalDateTime NOON = LocalDateTime.of(2024, 3, 1, 12, 0);

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private MqttSensorSimulator sensors;
    private TcpProxy proxy;
    private final ManualTime time = new ManualTime(1_700_000_000_000L);
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private volatile Consumer<DeviceEvent> onEvent = e -> { };
    private DriverSupervisor supervisor;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.binary().isPresent(),
                "mosquitto is not installed (apt-get install mosquitto); the real-broker MQTT tests are skipped");
        broker = MosquittoBroker.start(dir.resolve("broker"));
        sensors = new MqttSensorSimulator(broker, "sensors");
        proxy = new TcpProxy(broker.port());
        supervisor = new DriverSupervisor(null, e -> {
            events.add(e);
            onEvent.accept(e);
        }, time, time, new BackoffPolicy(1_000, 8_000, 0.0, RandomGenerator.of("L64X128MixRandom")));
    }

    @AfterEach
    void stop() throws Exception {
        if (supervisor != null) {
            supervisor.close();
        }
        if (sensors != null) {
            sensors.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void add(String id, MqttVersion version, String uri, Map<String, Object> extra) throws Exception {
        Map<String, Object> o = new HashMap<>(Map.of("broker", uri, "protocol",
                version == MqttVersion.V5 ? "v5" : "v3.1.1", "topic", "tele/+/SENSOR", "fields", TASMOTA_FIELDS,
                "sensor-id", "topic:1", "expect", "/TempUnit=C"));
        o.putAll(extra);
        MqttSubscriberDriverType type = new MqttSubscriberDriverType();
        supervisor.add(new ConfiguredDevice<>(id, type, type.parse(o)));
        time.runDue();
        assertEquals(HealthState.RUNNING, health(id).state(), () -> health(id).lastError());
    }

    private DriverHealth health(String id) {
        return supervisor.health(id).orElseThrow();
    }

    private long rejects(String id, String reason) {
        return supervisor.metrics(id).orElseThrow().rejectsByReason().getOrDefault(reason, 0L);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void tasmotaTelemetryBecomesEventsAndBadPayloadsAreCountedRejects(MqttVersion version) throws Exception {
        add("tasmota", version, broker.uri(), Map.of());
        sensors.publishTasmota("kitchen", NOON, 21.4, 48.2, 1013.2);
        sensors.publishMalformed("kitchen");
        sensors.publishMissingHumidity("hall", 20.0);
        sensors.publish("tele/hall/SENSOR", MqttSensorSimulator.tasmotaSensorJson(NOON, 20.0, 41.0, 1012.0)
                .replace("\"TempUnit\":\"C\"", "\"TempUnit\":\"F\""), 1, false);
        sensors.publishTasmota("hall", NOON, 19.5, 51.0, 1012.8);
        Await.until(() -> events.size() == 2 && rejects("tasmota", "unexpected-value") == 1, 5_000,
                () -> events + " " + supervisor.metrics("tasmota").orElseThrow().rejectsByReason());
        assertEquals("{\"topic\":\"tele/kitchen/SENSOR\",\"sensor_id\":\"kitchen\",\"temperature_c\":21.4,"
                + "\"humidity_pct\":48.2,\"pressure_hpa\":1013.2}", events.get(0).valueAsString());
        assertEquals("tasmota", events.get(0).deviceId());
        assertEquals("mqtt-subscriber", events.get(0).headers().get("device-type"));
        assertEquals(time.wallMillis(), events.get(0).timestampMs());
        assertTrue(events.get(1).valueAsString().contains("\"sensor_id\":\"hall\",\"temperature_c\":19.5"));
        assertEquals(1, rejects("tasmota", "malformed-json"));
        assertEquals(1, rejects("tasmota", "missing-field"));
    }

    @Test
    void zigbeeStatesByFriendlyNameAndRetainedValuesSkipped() throws Exception {
        sensors.publish("zigbee2mqtt/garage", MqttSensorSimulator.zigbeeJson(8.0, 70, 60, 40), 1, true);
        add("zigbee", MqttVersion.V5, broker.uri(), Map.of("topic", "zigbee2mqtt/+", "fields",
                "temperature_c=/temperature, humidity_pct=/humidity, battery_pct?=/battery", "expect", ""));
        sensors.publishZigbee("living_room", 22.55, 55.62, 97, 132);
        Await.until(() -> events.size() == 1, 5_000, events::toString);
        assertEquals("{\"topic\":\"zigbee2mqtt/living_room\",\"sensor_id\":\"living_room\",\"temperature_c\":22.55,"
                + "\"humidity_pct\":55.62,\"battery_pct\":97}", events.get(0).valueAsString());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aQos1RedeliveryYieldsOneEvent(MqttVersion version) throws Exception {
        // The first event's connection dies before the PUBACK leaves: the broker must resend the message.
        onEvent = e -> {
            if (events.size() == 1) {
                proxy.cut();
            }
        };
        add("dedup", version, proxy.uri(), Map.of());
        sensors.publishTasmota("kitchen", NOON, 21.4, 48.2, 1013.2);
        Await.until(() -> rejects("dedup", "redelivered") == 1, 10_000, () -> events + "\n" + broker.log());
        sensors.publishTasmota("kitchen", NOON, 21.4, 48.2, 1013.2);
        Await.until(() -> events.size() == 2, 5_000, events::toString);
        assertEquals(events.get(0).valueAsString(), events.get(1).valueAsString(),
                "the same reading sent again (no DUP) is a new event");
        assertEquals(1, rejects("dedup", "redelivered"));
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void readingsPublishedDuringABrokerRestartArriveThroughTheResumedSession(MqttVersion version) throws Exception {
        add("restart", version, proxy.uri(), Map.of());
        proxy.setAccepting(false);
        sensors.restartBroker();
        proxy.cut();
        sensors.publishTasmota("kitchen", NOON, 21.4, 48.2, 1013.2);
        sensors.publishTasmota("hall", NOON, 19.5, 51.0, 1012.8);
        proxy.setAccepting(true);
        Await.until(() -> events.size() == 2, 10_000, () -> events + "\n" + broker.log());
        assertTrue(events.get(0).valueAsString().contains("kitchen"));
        assertTrue(events.get(1).valueAsString().contains("hall"));
        assertEquals(HealthState.RUNNING, health("restart").state());
    }

    @Test
    void aBrokerGoneLongerThanTheGraceFailsTheDeviceUntilItIsBack() throws Exception {
        add("outage", MqttVersion.V3_1_1, broker.uri(), Map.of("offline-grace", 10));
        broker.stop();
        // Paho notices the closed socket on its own thread; step time until the watchdog reports the outage.
        int seconds = 0;
        while (health("outage").state() == HealthState.RUNNING && seconds < 40) {
            time.advance(1_000);
            seconds++;
            Thread.sleep(20);
        }
        assertTrue(seconds > 10, "failed after " + seconds + " s, before the 10 s grace ran out");
        DriverHealth h = health("outage");
        assertEquals(HealthState.RETRYING, h.state());
        assertEquals("UNAVAILABLE: broker " + broker.uri() + " unreachable for 10 s", h.lastError());
        time.advance(1_000);
        assertTrue(health("outage").lastError().startsWith("UNAVAILABLE: broker " + broker.uri()),
                health("outage").lastError());
        broker.restart();
        time.advance(2_000);
        assertEquals(HealthState.RUNNING, health("outage").state(), health("outage").lastError());
        sensors.publishTasmota("kitchen", NOON, 21.4, 48.2, 1013.2);
        Await.until(() -> events.size() == 1, 5_000, events::toString);
    }
}
