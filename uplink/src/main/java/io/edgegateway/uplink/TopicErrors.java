package io.edgegateway.uplink;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Collects, from the send callbacks of one batch, the topic errors to pause topics for, each under the
 * local topic it really concerns. Once one send fails, the producer fails every other pending send of the
 * transaction (and, at-least-once, of the same request) with that same exception, so the topic a callback
 * belongs to says nothing about the topic at fault. A {@link TopicAuthorizationException} names the
 * refused central topics itself; any other topic error is charged to the central topic whose send reported
 * that exception first, which is the one the broker or the client refused. Thread-safe (the callbacks run
 * on the producer's I/O thread, the result is read by the forwarder thread).
 */
final class TopicErrors {
    private final Map<String, Throwable> byLocalTopic = new java.util.LinkedHashMap<>();
    private final Map<Throwable, String> firstCentralTopic = new IdentityHashMap<>();

    /** Notes the outcome of one send of {@code localTopic}'s events to {@code centralTopic}. */
    synchronized void record(String localTopic, String centralTopic, Throwable error) {
        if (error == null) {
            return;
        }
        Throwable c = Errors.unwrap(error);
        if (Errors.topicState(c) == null) {
            return;
        }
        boolean concerns;
        if (c instanceof TopicAuthorizationException a && !a.unauthorizedTopics().isEmpty()) {
            concerns = a.unauthorizedTopics().contains(centralTopic);
        } else {
            concerns = firstCentralTopic.computeIfAbsent(c, k -> centralTopic).equals(centralTopic);
        }
        if (concerns) {
            byLocalTopic.putIfAbsent(localTopic, error);
        }
    }

    /** Local topic to its first error, for the topics at fault only. */
    synchronized Map<String, Throwable> snapshot() {
        return Map.copyOf(byLocalTopic);
    }
}
