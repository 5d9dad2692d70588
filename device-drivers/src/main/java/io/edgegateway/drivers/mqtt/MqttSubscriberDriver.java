package io.edgegateway.drivers.mqtt;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.MqttClient;
import io.edgegateway.drivers.bus.MqttClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to one topic filter and turns each message into an event through {@link PayloadMapper}. The
 * client reconnects by itself and resumes the broker session, so a short outage loses nothing at QoS 1; the
 * redelivery of a message already handled is recognized by {@link RedeliveryFilter} and counted as
 * {@code redelivered} instead of emitted twice. If the broker stays unreachable for longer than the offline
 * grace, the driver reports the device unavailable and the supervisor restarts it with backoff. Messages
 * arrive on the client's callback thread; handling is synchronized so the filter sees them one at a time.
 */
final class MqttSubscriberDriver implements Driver {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSubscriberDriver.class);
    static final String REDELIVERED = "redelivered";
    /** How often the connection state is looked at for the offline grace. */
    static final long CHECK_PERIOD_MS = 1_000;

    private final MqttSubscriberOptions options;
    private final MqttClientFactory clients;
    private final PayloadMapper mapper;
    private final RedeliveryFilter redeliveries;
    private volatile MqttClient client;
    private volatile Scheduler.Cancellable watchdog;
    private DriverContext context;
    private long offlineSinceNanos = -1;

    MqttSubscriberDriver(MqttSubscriberOptions options, MqttClientFactory clients) {
        this.options = options;
        this.clients = clients;
        this.mapper = new PayloadMapper(options.fields(), options.sensorId(), options.expectations());
        this.redeliveries = new RedeliveryFilter(options.dedupWindowMs(), 10_000);
    }

    @Override
    public void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        try {
            client = clients.create(options.connection(ctx.deviceId()));
            client.connect();
            client.subscribe(options.topic(), options.qos(), this::onMessage);
        } catch (BusException e) {
            throw new DeviceException(e.isTimeout() ? DeviceException.Kind.TIMEOUT : DeviceException.Kind.UNAVAILABLE,
                    "broker " + options.broker() + ": " + e.getMessage(), e);
        }
        watchdog = ctx.scheduler().scheduleAtFixedRate(this::checkConnection, CHECK_PERIOD_MS, CHECK_PERIOD_MS);
    }

    private synchronized void onMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate) {
        if (retained && !options.retained()) {
            LOG.debug("{}: retained message on {} skipped", context.deviceId(), topic);
            return;
        }
        if (redeliveries.isRedelivery(topic, payload, duplicate, context.clock().monotonicNanos())) {
            context.reject(REDELIVERED, topic + ": QoS " + qos + " redelivery of a message already handled");
            return;
        }
        PayloadMapper.Result r = mapper.map(topic, payload);
        if (r instanceof PayloadMapper.Mapped m) {
            context.emit(context.clock().wallMillis(), m.value());
        } else if (r instanceof PayloadMapper.Rejected rej) {
            context.reject(rej.reason(), rej.detail());
        }
    }

    private synchronized void checkConnection() {
        MqttClient c = client;
        if (c == null) {
            return;
        }
        long now = context.clock().monotonicNanos();
        if (c.isConnected()) {
            offlineSinceNanos = -1;
        } else if (offlineSinceNanos < 0) {
            offlineSinceNanos = now;
        } else if (now - offlineSinceNanos >= options.offlineGraceSeconds() * 1_000_000_000L) {
            context.fail(new DeviceException(DeviceException.Kind.UNAVAILABLE, "broker " + options.broker()
                    + " unreachable for " + options.offlineGraceSeconds() + " s"));
            offlineSinceNanos = Long.MAX_VALUE / 2; // report once; the supervisor stops this instance
        }
    }

    @Override
    public void stop() {
        Scheduler.Cancellable w = watchdog;
        if (w != null) {
            w.cancel();
        }
        MqttClient c = client;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the MQTT client failed", e);
            }
        }
    }
}
