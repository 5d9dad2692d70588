package io.edgegateway.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.gateway.wiring.EventProcessor;
import io.edgegateway.gateway.wiring.GatewayRuntime;
import io.edgegateway.gateway.wiring.LogSink;
import io.edgegateway.gateway.wiring.UplinkControl;
import io.edgegateway.gateway.wiring.WiringFixturesAccess;
import io.edgegateway.log.LocalLog;
import io.edgegateway.uplink.EventTimestamps;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway whose central cluster does not answer: events are still stored, /readyz stays ready, /healthz
 * says the uplink is offline, and /metrics shows its state and the growing backlog per topic.
 */
class UplinkOpsTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachableClusterShowsAsOfflineWithABacklogWhileTheGatewayStaysReady() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ManualTime time = new ManualTime(System.currentTimeMillis());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        UplinkMetrics uplinkMetrics = new UplinkMetrics();
        try (SimulatedHardware hw = new SimulatedHardware(time, dir.resolve("hw"));
             LocalLog log = LocalLog.open(dir.resolve("log"))) {
            UplinkControl uplink = new UplinkControl(log, EventTimestamps.AS_STORED, uplinkMetrics);
            GatewayRuntime runtime = new GatewayRuntime(log, hw.buses(), time, time,
                    new BackoffPolicy(1_000, 1_000, 0, new SplittableRandom(1)), d -> { }, 100, LogSink.Stamp.NONE,
                    EventProcessor.IDENTITY, uplink);
            runtime.apply(WiringFixturesAccess.config("""
                    uplink:
                      bootstrap-servers: 127.0.0.1:%d
                      offline.after.ms: 0
                      operation.timeout.ms: 300
                      backoff.max.ms: 500
                      kafka: {max.block.ms: 300, request.timeout.ms: 300, default.api.timeout.ms: 300}
                    """.formatted(closedPort)));
            for (int i = 0; i < 5; i++) {
                runtime.sink().append("sensors.environment", new DeviceEvent("d" + i, new byte[] {1},
                        time.wallMillis(), Map.of()));
            }
            assertTrue(runtime.sink().awaitIdle(Duration.ofSeconds(5)));
            assertEquals(5, runtime.counters().appendedByTopic("sensors.environment"), "stored while offline");
            GatewayMetrics metrics = new GatewayMetrics(registry, runtime.counters(), runtime.supervisor(), log);
            uplinkMetrics.bindTo(registry, uplink::status);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!uplink.summary().startsWith("offline")) {
                if (System.nanoTime() > deadline) {
                    fail("never offline: " + uplink.summary());
                }
                Thread.sleep(50);
            }
            try (OpsServer server = OpsServer.start("127.0.0.1", 0, Optional::empty, () -> {
                metrics.refresh();
                uplinkMetrics.refresh();
                return registry.scrape();
            }, () -> "uplink: " + uplink.summary() + "\n")) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
                HttpResponse<String> ready = get(client, base.resolve("/readyz"));
                assertEquals(200, ready.statusCode(), "storing events locally does not need the cluster");
                HttpResponse<String> health = get(client, base.resolve("/healthz"));
                assertEquals(200, health.statusCode());
                assertEquals("ok\nuplink: offline, 5 events waiting\n", health.body());
                String scrape = get(client, base.resolve("/metrics")).body();
                assertTrue(scrape.contains("edge_uplink_configured 1.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_state{state=\"offline\"} 1.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_state{state=\"online\"} 0.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_backlog_events{topic=\"sensors.environment\"} 5.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_backlog_oldest_age_seconds{topic=\"sensors.environment\"}"),
                        scrape);
                assertTrue(scrape.contains("edge_uplink_topic_paused{topic=\"sensors.environment\"} 0.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_events_forwarded_total 0.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_forwarded_bytes_total 0.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_backlog_bytes{topic=\"sensors.environment\"}"), scrape);
                assertTrue(scrape.contains("edge_uplink_backlog 5.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_drain_rate 0.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_stalls_total 0.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_commits_total 0.0"), scrape);
                assertTrue(scrape.contains("edge_uplink_state_changes_total{state=\"offline\"}"), scrape);
            }
            metrics.close();
            long t0 = System.nanoTime();
            runtime.stop(Duration.ofSeconds(1));
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "closing an offline uplink is bounded");
            assertEquals(Optional.empty(), uplink.status(), "closed with the runtime");
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
