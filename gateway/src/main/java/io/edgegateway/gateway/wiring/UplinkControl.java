package io.edgegateway.gateway.wiring;

import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.gateway.config.UplinkSettings;
import io.edgegateway.log.LocalLog;
import io.edgegateway.uplink.EventTimestamps;
import io.edgegateway.uplink.Uplink;
import io.edgegateway.uplink.UplinkListener;
import io.edgegateway.uplink.UplinkOptions;
import io.edgegateway.uplink.UplinkStatus;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the running {@link Uplink}, if the config has one: {@link #apply} starts, replaces or stops it when
 * the {@code uplink} section (with its defaults) changed, and leaves it alone otherwise, so a device edit
 * never interrupts forwarding. A replaced uplink is closed first, which ends or aborts its open
 * transaction, and the new one resumes from the positions committed on the central cluster: nothing is
 * lost or sent twice. A start that fails (a bootstrap host that does not resolve while the network is still
 * coming up) is retried every {@link #RETRY_SECONDS} seconds; events keep being stored meanwhile. The log
 * must stay open until {@link #close}. Thread-safe.
 */
public final class UplinkControl implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UplinkControl.class);
    static final long RETRY_SECONDS = 30;

    /** Starts an uplink; the real one, or a stand-in in tests. */
    @FunctionalInterface
    public interface Starter {
        Uplink start(LocalLog log, UplinkOptions options, UplinkListener listener, EventTimestamps timestamps);
    }

    private final LocalLog log;
    private final EventTimestamps timestamps;
    private final UplinkListener listener;
    private final Starter starter;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edge-uplink-start");
        t.setDaemon(true);
        return t;
    });
    private Map<String, String> settings = Map.of();
    private UplinkOptions options;
    private volatile Uplink uplink;
    private volatile String startError;
    private ScheduledFuture<?> retry;
    private long starts;
    private boolean applied;
    private boolean closed;

    public UplinkControl(LocalLog log, EventTimestamps timestamps, UplinkListener listener) {
        this(log, timestamps, listener, Uplink::start);
    }

    public UplinkControl(LocalLog log, EventTimestamps timestamps, UplinkListener listener, Starter starter) {
        this.log = log;
        this.timestamps = timestamps;
        this.listener = listener;
        this.starter = starter;
    }

    /** Brings the uplink in line with the config; true if it was started, replaced or stopped. */
    public synchronized boolean apply(GatewayConfig config) {
        Map<String, String> next = UplinkSettings.flat(config);
        if (applied && next.equals(settings)) {
            return false;
        }
        applied = true;
        stop();
        settings = next;
        if (next.isEmpty()) {
            options = null;
            startError = null;
            LOG.info("no uplink configured: events stay in the local log");
            return true;
        }
        try {
            options = UplinkOptions.parse(next);
        } catch (IllegalArgumentException e) {
            // The config reader runs the same parser, so this means a secret changed under a running gateway.
            options = null;
            startError = "its settings are refused: " + e.getMessage();
            LOG.error("uplink not started, {}", startError);
            return true;
        }
        start();
        return true;
    }

    private synchronized void start() {
        if (closed || options == null || uplink != null) {
            return;
        }
        try {
            uplink = starter.start(log, options, listener, timestamps);
            startError = null;
            starts++;
        } catch (RuntimeException e) {
            startError = e.getMessage();
            LOG.warn("uplink did not start, retrying in {} s; events keep being stored: {}", RETRY_SECONDS,
                    e.toString());
            retry = retries.schedule(this::start, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void stop() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        Uplink u = uplink;
        uplink = null;
        if (u != null) {
            long t0 = System.nanoTime();
            u.close();
            LOG.info("uplink closed in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    /** The running uplink's status; empty when none is configured or it has not started yet. */
    public Optional<UplinkStatus> status() {
        Uplink u = uplink;
        return u == null ? Optional.empty() : Optional.of(u.status());
    }

    /** One line for /healthz and logs: "not configured", "starting: why", or the connectivity state. */
    public String summary() {
        Optional<UplinkStatus> s = status();
        if (s.isPresent()) {
            return s.get().state().name().toLowerCase(java.util.Locale.ROOT) + ", " + s.get().backlogEvents()
                    + " events waiting";
        }
        String why = startError;
        synchronized (this) {
            if (options == null && why == null) {
                return "not configured";
            }
        }
        return why == null ? "starting" : "not started: " + why;
    }

    /** How many uplinks were started so far; shows whether an edit restarted forwarding. */
    public synchronized long starts() {
        return starts;
    }

    /** Closes the uplink, which completes or aborts its transaction; the caller closes the log afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
        retries.shutdownNow();
    }
}
