package io.edgegateway.drivers.bus.paho;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.MqttConnectionSettings;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT 3.1.1 through Paho's v3 client. Every connect attempt uses a new Paho client object (see
 * {@link PahoSession}); callbacks of a replaced one are ignored. Memory persistence: the default file
 * persistence would write folders into the working directory, and the broker's session, not the client's
 * store, is what survives a restart. A persistent session is clean session = 0 (MQTT 3.1.1 §3.1.2.4).
 */
final class PahoV3Client extends PahoSession {
    private volatile MqttAsyncClient client;

    PahoV3Client(MqttConnectionSettings settings) throws BusException {
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
            public void connectionLost(Throwable cause) {
                if (c == client) {
                    PahoV3Client.this.connectionLost(cause);
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                if (c == client) {
                    dispatch(topic, m.getPayload(), m.getQos(), m.isRetained(), m.isDuplicate());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // the gateway only subscribes
            }
        });
        return c;
    }

    @Override
    boolean doConnect() throws BusException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(!settings.persistentSession());
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(settings.connectTimeoutSeconds());
        o.setAutomaticReconnect(false);
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password().toCharArray());
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
            throw new BusException("MQTT v3.1.1 connect to " + settings.serverUri() + ": " + e.getMessage(), e,
                    e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT);
        }
    }

    @Override
    void doSubscribe(String filter, int qos) throws BusException {
        try {
            IMqttToken t = client.subscribe(filter, qos);
            t.waitForCompletion(waitMillis());
            int[] granted = t.getGrantedQos();
            if (granted == null || granted.length == 0 || granted[0] == 0x80) {
                throw new BusException("broker refused the subscription to " + filter);
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
