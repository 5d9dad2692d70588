package io.edgegateway.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.BackoffPolicy;
import io.edgegateway.drivers.sim.ManualTime;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.gateway.wiring.GatewayRuntime;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics read from a running runtime, served by the real server on a loopback port. */
class GatewayMetricsTest {
    @TempDir
    Path dir;

    @Test
    void devicesTopicsDropsAndTheLogAppearInTheScrape() throws Exception {
        ManualTime time = new ManualTime(1_764_000_000_000L);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (SimulatedHardware hw = new SimulatedHardware(time, dir.resolve("hw"));
             LocalLog log = LocalLog.open(dir.resolve("log"), LogConfig.builder().diskBudgetBytes(1 << 20).build())) {
            GatewayRuntime runtime = new GatewayRuntime(log, hw.buses(), time, time,
                    new BackoffPolicy(1_000, 1_000, 0, new SplittableRandom(1)), d -> { }, 10);
            runtime.apply(io.edgegateway.gateway.wiring.WiringFixturesAccess.config(
                    "devices:\n  - {id: hall, type: bme280, topic: sensors.environment, options: {period: 1}}\n"));
            // No simulated chip is attached: the driver fails at 0 ms and again at its retry after 1 s.
            time.advance(1_500);
            runtime.sink().accept(new io.edgegateway.drivers.DeviceEvent("ghost", new byte[0], 0, java.util.Map.of()));
            GatewayMetrics metrics = new GatewayMetrics(registry, runtime.counters(), runtime.supervisor(), log);
            String scrape = registry.scrape();
            assertTrue(scrape.contains("edge_device_restarts_total{device=\"hall\"} 2.0"), scrape);
            assertTrue(scrape.contains("edge_device_events_emitted_total{device=\"hall\"} 0.0"), scrape);
            assertTrue(scrape.contains("edge_device_events_dropped_total{device=\"ghost\",reason=\"no-route\"} 1.0"), scrape);
            assertTrue(scrape.contains("edge_topic_events_appended_total{topic=\"sensors.environment\"} 0.0"), scrape);
            assertTrue(scrape.contains("edge_log_disk_budget_bytes 1048576.0"), scrape);
            assertTrue(scrape.contains("jvm_memory_used_bytes"), scrape);

            try (OpsServer server = OpsServer.start("127.0.0.1", 0, Optional::empty, () -> {
                metrics.refresh();
                return registry.scrape();
            })) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(base.resolve("/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode());
                HttpResponse<String> scraped = client.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, scraped.statusCode());
                assertTrue(scraped.body().contains("edge_log_disk_used_bytes"), scraped.body());
            }
            metrics.close();
            runtime.stop(Duration.ofSeconds(1));
        }
    }
}
