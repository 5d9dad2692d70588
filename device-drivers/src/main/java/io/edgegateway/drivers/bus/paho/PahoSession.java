package io.edgegateway.drivers.bus.paho;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.MqttClient;
import io.edgegateway.drivers.bus.MqttConnectionSettings;
import io.edgegateway.drivers.bus.MqttMessageListener;
import io.edgegateway.drivers.bus.MqttTopicFilter;
import io.edgegateway.drivers.bus.MqttVersion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the v3.1.1 and v5 adapters share: the subscription table, dispatch of arriving messages to listeners by
 * topic filter, and reconnection. Paho's own automatic reconnect is off because it does not say whether the
 * broker still had our session; here every (re)connect reads the CONNACK's session-present flag and
 * resubscribes only when the session is gone, since resubscribing into a live session makes the broker resend
 * retained messages (MQTT 3.1.1 §3.8.4) that would become duplicate events. Each attempt uses a new Paho client
 * object: Paho's v5 client, after losing its connection inside a message callback, never completes a later
 * connect on the same object ("Connect already in progress" forever), while the session that matters lives at
 * the broker anyway. Reconnect attempts run on one daemon thread per client with doubling delays. A listener that throws is logged and isolated: letting the
 * exception reach Paho would close the connection and redeliver the message forever.
 */
abstract class PahoSession implements MqttClient {
    private static final Logger LOG = LoggerFactory.getLogger(PahoSession.class);

    /** A subscription as the application asked for it. */
    private record Subscription(int qos, MqttMessageListener listener) {
    }

    protected final MqttConnectionSettings settings;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reconnector;
    private volatile boolean wanted;
    private volatile boolean closed;
    private volatile boolean lastSessionPresent;
    /** Guards only the delay, so Paho's threads reporting a lost connection never wait for a connect in progress. */
    private final Object delayLock = new Object();
    private long nextDelayMillis;

    PahoSession(MqttConnectionSettings settings) {
        this.settings = settings;
        this.nextDelayMillis = settings.reconnectMinMillis();
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-reconnect-" + settings.clientId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the connection; returns the CONNACK session-present flag. */
    abstract boolean doConnect() throws BusException;

    abstract void doSubscribe(String filter, int qos) throws BusException;

    abstract void doDisconnect();

    abstract void doClose();

    @Override
    public MqttVersion version() {
        return settings.version();
    }

    @Override
    public synchronized void connect() throws BusException {
        if (closed) {
            throw new BusException("MQTT client " + settings.clientId() + " is closed");
        }
        wanted = true;
        connected(doConnect());
    }

    @Override
    public void subscribe(String topicFilter, int qos, MqttMessageListener listener) throws BusException {
        MqttTopicFilter.problem(topicFilter).ifPresent(p -> {
            throw new IllegalArgumentException("topic filter '" + topicFilter + "': " + p);
        });
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + qos);
        }
        subscriptions.put(topicFilter, new Subscription(qos, listener));
        synchronized (this) {
            if (isConnected()) {
                doSubscribe(topicFilter, qos);
            }
        }
    }

    @Override
    public synchronized void disconnect() {
        wanted = false;
        doDisconnect();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wanted = false;
        }
        reconnector.shutdownNow();
        synchronized (this) {
            // under the monitor, so a reconnect attempt still running finishes before the client goes away
            doClose();
        }
    }

    /** Whether the broker still had our session at the last (re)connect; for tests and the health page. */
    boolean lastSessionPresent() {
        return lastSessionPresent;
    }

    private void connected(boolean sessionPresent) throws BusException {
        lastSessionPresent = sessionPresent;
        synchronized (delayLock) {
            nextDelayMillis = settings.reconnectMinMillis();
        }
        if (!sessionPresent || !settings.persistentSession()) {
            for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
                doSubscribe(e.getKey(), e.getValue().qos());
            }
        }
        LOG.info("MQTT {} connected to {} ({}, session {})", settings.clientId(), settings.serverUri(),
                settings.version(), sessionPresent ? "resumed" : "new");
    }

    /** Called by the subclass when Paho reports the connection gone. */
    void connectionLost(Throwable cause) {
        if (!wanted || closed) {
            return;
        }
        LOG.warn("MQTT {} lost the connection to {}: {}", settings.clientId(), settings.serverUri(),
                cause == null ? "closed by the broker" : cause.toString());
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay;
        synchronized (delayLock) {
            delay = nextDelayMillis;
            nextDelayMillis = Math.min(settings.reconnectMaxMillis(), nextDelayMillis * 2);
        }
        try {
            reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            // close() shut the reconnector down: nothing to reconnect
        }
    }

    private void reconnect() {
        synchronized (this) {
            if (!wanted || closed || isConnected()) {
                return;
            }
            try {
                connected(doConnect());
                return;
            } catch (BusException | RuntimeException e) {
                LOG.debug("MQTT {} reconnect failed: {}", settings.clientId(), e.toString());
            }
        }
        scheduleReconnect();
    }

    /** Called by the subclass for every arriving message, on Paho's callback thread. */
    void dispatch(String topic, byte[] payload, int qos, boolean retained, boolean duplicate) {
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            if (MqttTopicFilter.matches(e.getKey(), topic)) {
                try {
                    e.getValue().listener().onMessage(topic, payload, qos, retained, duplicate);
                } catch (RuntimeException ex) {
                    LOG.error("MQTT listener for {} failed on {}", e.getKey(), topic, ex);
                }
            }
        }
    }

    long waitMillis() {
        return settings.connectTimeoutSeconds() * 1_000L;
    }
}
