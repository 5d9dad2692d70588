package io.edgegateway.uplink;

import io.edgegateway.log.LocalLog;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uplink module's test broker and central-side checks, opened to the gateway's tests: a one-node KRaft
 * cluster in the test JVM, the exactly-once check of what a {@code read_committed} consumer sees against the
 * local log, and the received records with their headers as text.
 */
public final class CentralCluster implements AutoCloseable {
    /** One record as a downstream consumer received it; headers as text, the last of a repeated key wins. */
    public record Received(String centralTopic, String key, long timestamp, Map<String, String> headers) {
    }

    private static CentralCluster shared;
    private final InJvmKafka kafka;

    private CentralCluster(InJvmKafka kafka) {
        this.kafka = kafka;
    }

    public static CentralCluster start() throws Exception {
        return new CentralCluster(new InJvmKafka(Map.of()));
    }

    /**
     * One cluster for every test class of the run (a broker start costs seconds), stopped when the test JVM
     * exits; tests keep apart by gateway id and central topic names.
     */
    public static synchronized CentralCluster shared() throws Exception {
        if (shared == null) {
            CentralCluster c = start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "central-cluster-stop"));
            shared = c;
        }
        return shared;
    }

    public String bootstrap() {
        return kafka.bootstrap();
    }

    /**
     * Asserts that the central topics hold every event of the local topics exactly once, intact and in order
     * per local partition; returns how many events were checked.
     */
    public long verifyExactlyOnce(LocalLog log, Map<String, String> localToCentral, String gatewayId) {
        return Central.verify(log, kafka.bootstrap(), localToCentral, true, gatewayId);
    }

    /** Every committed forwarded record of the central topics. */
    public List<Received> read(Collection<String> centralTopics) {
        return Central.readAll(kafka.bootstrap(), centralTopics).stream().map(e -> {
            Map<String, String> h = new LinkedHashMap<>();
            e.headers().forEach(x -> h.put(x.key(), new String(x.value(), StandardCharsets.UTF_8)));
            return new Received(e.centralTopic(), new String(e.key(), StandardCharsets.UTF_8), e.timestamp(), h);
        }).toList();
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not stop cleanly", e);
        }
    }
}
