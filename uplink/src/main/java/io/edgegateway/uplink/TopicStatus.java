package io.edgegateway.uplink;

/**
 * The state of one forwarded local topic, for the status API and the web page: where it goes, whether it
 * flows or is paused by an error that concerns it alone (with the error in plain words), its backlog
 * (events not yet forwarded, their bytes on disk, estimated from the partition's average record size,
 * and the age of the oldest by event time, -1 if none) and how many events were forwarded since start.
 */
public record TopicStatus(String topic, String centralTopic, int priority, State state, String error,
        long backlogEvents, long backlogBytes, long oldestAgeMs, long forwardedEvents) {

    /** Why a topic is or is not flowing. Every state but {@link #FORWARDING} pauses this topic only. */
    public enum State {
        FORWARDING,
        /** The central topic does not exist and the uplink may not create it. */
        TOPIC_MISSING,
        /** The cluster refused this gateway's principal access to the central topic. */
        NOT_AUTHORIZED,
        /** An event is larger than the central topic or producer accepts. */
        RECORD_TOO_LARGE,
        /** Another error the cluster reported for this topic alone. */
        TOPIC_ERROR
    }
}
