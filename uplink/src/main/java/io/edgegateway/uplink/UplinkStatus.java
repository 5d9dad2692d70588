package io.edgegateway.uplink;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the uplink for the status API, the web page and metrics. Connectivity: the current state,
 * how often each state was entered and the milliseconds spent in each, the last error. Progress: the drain
 * rate (events per second over the last ten seconds), totals since start, transactions committed and
 * aborted, producer rebuilds, times another process with the same id took over (fencings), stalls found
 * by the watchdog, and how long ago the last commit was (-1 if none). Metered links: bytes sent today and
 * the budget left (-1 without a budget). The Kafka client properties are shown with every secret replaced by
 * {@code [hidden]}.
 */
public record UplinkStatus(String gatewayId, DeliveryMode mode, String transactionalId, ConnectivityState state,
        String lastError, Map<ConnectivityState, Long> stateTransitions, Map<ConnectivityState, Long> millisInState,
        List<TopicStatus> topics, double drainRatePerSecond, long forwardedEvents, long forwardedBytes,
        long transactionsCommitted, long transactionsAborted, long producerRebuilds, long fencings, long stalls,
        long lastCommitAgeMs, long bytesSentToday, long dailyBudgetRemaining, Map<String, String> kafka) {

    /** Events waiting in all topics. */
    public long backlogEvents() {
        return topics.stream().mapToLong(TopicStatus::backlogEvents).sum();
    }

    public TopicStatus topic(String name) {
        return topics.stream().filter(t -> t.topic().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("topic '" + name + "' is not forwarded"));
    }
}
