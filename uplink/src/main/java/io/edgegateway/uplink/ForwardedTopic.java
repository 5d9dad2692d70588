package io.edgegateway.uplink;

import java.util.ArrayList;
import java.util.List;

/**
 * The forwarder's view of one local topic: its central topic, priority, partitions, and whether an error
 * that concerns it alone has paused it (with the message shown on the status API and when to try again).
 * The state fields are written by the forwarder thread and read by status callers.
 */
final class ForwardedTopic {
    final String name;
    final String centralTopic;
    final int priority;
    final int partitionCount;
    final List<Source> sources = new ArrayList<>();
    volatile TopicStatus.State state = TopicStatus.State.FORWARDING;
    volatile String error;
    volatile long retryAtMs;
    volatile long forwarded;
    /**
     * Set after a record-too-large error in a batch of several events: the topic then sends one event per
     * batch until every partition is past the failed stretch (the value per partition is its last offset),
     * so that the events before the offending one are delivered and the offender is named exactly.
     * Forwarder thread only.
     */
    final java.util.Map<EdgePartition, Long> oneAtATimeUntil = new java.util.HashMap<>();

    ForwardedTopic(String name, String centralTopic, int priority, int partitionCount) {
        this.name = name;
        this.centralTopic = centralTopic;
        this.priority = priority;
        this.partitionCount = partitionCount;
    }

    boolean paused() {
        return state != TopicStatus.State.FORWARDING;
    }
}
