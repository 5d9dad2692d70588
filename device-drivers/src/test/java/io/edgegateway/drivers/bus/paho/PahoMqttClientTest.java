package io.edgegateway.drivers.bus.paho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.bus.MqttConnectionSettings;
import io.edgegateway.drivers.bus.MqttVersion;
import io.edgegateway.drivers.sim.Await;
import io.edgegateway.drivers.sim.MosquittoBroker;
import io.edgegateway.drivers.sim.MqttSensorSimulator;
import io.edgegateway.drivers.sim.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Paho adapter against a real mosquitto on 127.0.0.1, for both protocol levels. */
class PahoMqttClientTest {
    private record Received(String topic, String payload, int qos, boolean retained, boolean duplicate) {
    }

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.binary().isPresent(),
                "mosquitto is not installed (apt-get install mosquitto); the real-broker MQTT tests are skipped");
        broker = MosquittoBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private PahoSession client(String uri, String clientId, MqttVersion version) throws Exception {
        MqttConnectionSettings s = new MqttConnectionSettings(uri, clientId, version, true, 600, 30, 5, "", "",
                100, 400);
        PahoSession c = (PahoSession) new PahoMqttClientFactory().create(s);
        closeables.add(c);
        return c;
    }

    private MqttSensorSimulator sensors() throws Exception {
        MqttSensorSimulator sim = new MqttSensorSimulator(broker, "sensors");
        closeables.add(sim);
        return sim;
    }

    private void record(String topic, byte[] payload, int qos, boolean retained, boolean duplicate) {
        received.add(new Received(topic, new String(payload, StandardCharsets.UTF_8), qos, retained, duplicate));
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void receivesWildcardSubscriptionsAtQos1(MqttVersion version) throws Exception {
        PahoSession c = client(broker.uri(), "gw-" + version, version);
        c.connect();
        assertTrue(c.isConnected());
        assertEquals(version, c.version());
        c.subscribe("tele/+/SENSOR", 1, this::record);
        MqttSensorSimulator sim = sensors();
        sim.publish("tele/kitchen/SENSOR", "{\"a\":1}", 1, false);
        sim.publish("tele/kitchen/STATE", "{\"ignored\":true}", 1, false);
        sim.publish("tele/hall/SENSOR", "{\"a\":2}", 1, false);
        Await.until(() -> received.size() >= 2, 5_000, received::toString);
        assertEquals(List.of(new Received("tele/kitchen/SENSOR", "{\"a\":1}", 1, false, false),
                new Received("tele/hall/SENSOR", "{\"a\":2}", 1, false, false)), received);
        // mosquitto logs its protocol enum: p2 = MQTT 3.1.1, p5 = MQTT 5
        String log = broker.log();
        assertTrue(log.contains("as gw-" + version + " (" + (version == MqttVersion.V5 ? "p5" : "p2")), log);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void resumesTheSessionAfterABrokerRestartAndGetsWhatWasQueued(MqttVersion version) throws Exception {
        TcpProxy proxy = new TcpProxy(broker.port());
        closeables.add(proxy);
        PahoSession c = client(proxy.uri(), "gw-restart-" + version, version);
        c.connect();
        assertFalse(c.lastSessionPresent(), "first connect starts a new session");
        c.subscribe("zigbee2mqtt/+", 1, this::record);
        // Keep the gateway away while the broker restarts and a sensor publishes: the broker must queue it.
        proxy.setAccepting(false);
        broker.restart();
        proxy.cut();
        Await.until(() -> !c.isConnected(), 5_000, () -> "client noticed the restart");
        MqttSensorSimulator sim = sensors();
        sim.publishZigbee("office", 22.5, 45.0, 90, 120);
        assertTrue(received.isEmpty());
        proxy.setAccepting(true);
        Await.until(() -> received.size() == 1, 10_000, () -> "queued message after reconnect; broker log:\n"
                + broker.log());
        // The queued message may be dispatched before connect() has recorded the CONNACK flag, so wait for it.
        Await.until(c::lastSessionPresent, 5_000, () -> "the broker kept the session across its restart");
        assertEquals("zigbee2mqtt/office", received.get(0).topic());
        // the resumed subscription goes on working
        sim.publishZigbee("office", 22.6, 45.0, 90, 120);
        Await.until(() -> received.size() == 2, 5_000, received::toString);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aMessageWhosePubackWasLostIsRedeliveredWithTheDupFlag(MqttVersion version) throws Exception {
        TcpProxy proxy = new TcpProxy(broker.port());
        closeables.add(proxy);
        PahoSession c = client(proxy.uri(), "gw-dup-" + version, version);
        c.connect();
        c.subscribe("tele/+/SENSOR", 1, (topic, payload, qos, retained, dup) -> {
            record(topic, payload, qos, retained, dup);
            if (received.size() == 1) {
                proxy.cut(); // the connection dies before Paho sends the PUBACK for this message
            }
        });
        sensors().publish("tele/kitchen/SENSOR", "{\"n\":1}", 1, false);
        Await.until(() -> received.size() == 2, 10_000, () -> received + "\n" + broker.log());
        assertFalse(received.get(0).duplicate());
        assertTrue(received.get(1).duplicate(), "redelivery carries DUP: " + received);
        assertEquals(received.get(0).payload(), received.get(1).payload());
    }
}
