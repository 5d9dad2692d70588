package io.edgegateway.drivers.bus.paho;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.MqttConnectionSettings;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 5 through Paho's v5 client. A persistent session is clean start = 0 plus a session expiry interval
 * (MQTT 5 §3.1.2.4, §3.1.2.11.2): with expiry 0 a v5 broker drops the session at disconnect. Subscriptions use
 * retain handling 1 (§3.8.3.1), so a resubscribe never replays retained messages into a live session. Every
 * connect attempt uses a new Paho client object (see {@link PahoSession}); callbacks of a replaced one are
 * ignored. The duplicate flag passed to listeners comes from {@link RedeliveryTracker}, because Paho drops it
 * for v5; the tracker lives as long as this adapter, across Paho client objects.
 */
final class PahoV5Client extends PahoSession {
    private static final Logger LOG = LoggerFactory.getLogger(PahoV5Client.class);

    private final RedeliveryTracker redeliveries = new RedeliveryTracker();
    private volatile MqttAsyncClient client;

    PahoV5Client(MqttConnectionSettings settings) throws BusException {
        super(settings);
        // Fail on a malformed URI now, when the driver starts, not at the first connect.
        closeQuietly(newClient());
    }

    private MqttAsyncClient newClient() throws BusException {
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new BusException("MQTT client for " + settings.serverUri() + ": " + e.getMessage(), e);
        }
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                if (c == client) {
                    connectionLost(response.getException());
                }
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                LOG.warn("MQTT {}: {}", settings.clientId(), e.toString());
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                if (c == client) {
                    boolean again = redeliveries.seenBefore(m.getId(), m.getQos(), topic, m.getPayload());
                    dispatch(topic, m.getPayload(), m.getQos(), m.isRetained(), m.isDuplicate() || again);
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // the gateway only subscribes
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                // session handling happens in PahoSession after the CONNACK
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        });
        return c;
    }

    @Override
    boolean doConnect() throws BusException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!settings.persistentSession());
        o.setSessionExpiryInterval(settings.persistentSession() ? settings.sessionExpirySeconds() : 0L);
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(settings.connectTimeoutSeconds());
        o.setAutomaticReconnect(false);
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        MqttAsyncClient old = client;
        MqttAsyncClient c = newClient();
        client = c;
        if (old != null) {
            closeQuietly(old);
        }
        try {
            IMqttToken t = c.connect(o);
            t.waitForCompletion(waitMillis());
            return t.getSessionPresent();
        } catch (MqttException e) {
            throw new BusException("MQTT v5 connect to " + settings.serverUri() + ": " + e.getMessage(), e,
                    e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
        }
    }

    @Override
    void doSubscribe(String filter, int qos) throws BusException {
        MqttSubscription s = new MqttSubscription(filter, qos);
        s.setRetainHandling(1);
        try {
            IMqttToken t = client.subscribe(s);
            t.waitForCompletion(waitMillis());
            int[] codes = t.getReasonCodes();
            if (codes == null || codes.length == 0 || codes[0] >= 0x80) {
                throw new BusException("broker refused the subscription to " + filter + " (reason code "
                        + (codes == null || codes.length == 0 ? "none" : "0x" + Integer.toHexString(codes[0])) + ")");
            }
        } catch (MqttException e) {
            throw new BusException("MQTT subscribe " + filter + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    void doDisconnect() {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(waitMillis());
            }
        } catch (MqttException e) {
            closeQuietly(c);
        }
    }

    @Override
    void doClose() {
        doDisconnect();
        MqttAsyncClient c = client;
        client = null;
        if (c != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(MqttAsyncClient c) {
        try {
            c.disconnectForcibly(0, 500, false);
        } catch (MqttException | RuntimeException e) {
            // not connected: fine. Paho 1.2.5 also throws NullPointerException here for a client whose
            // connect never got as far as creating its token store.
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            // nothing more to release
        }
    }
}
