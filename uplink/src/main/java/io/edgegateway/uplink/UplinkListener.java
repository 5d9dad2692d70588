package io.edgegateway.uplink;

/**
 * Callbacks for metrics and alerts (the gateway wires Micrometer and the web page to them). Called on the
 * uplink's own threads; implementations must return quickly and must not throw. Every method has an empty
 * default so a listener implements only what it needs.
 */
public interface UplinkListener {
    /** The connectivity state changed; {@code reason} is the failure (or success) that caused it. */
    default void onStateChange(ConnectivityState from, ConnectivityState to, String reason) {
    }

    /** The watchdog found the uplink online with a backlog but nothing committed for {@code sinceMs}. */
    default void onStall(long sinceMs) {
    }

    /** A topic was paused by an error that concerns it alone, or resumed ({@code error} null). */
    default void onTopicStatus(String topic, TopicStatus.State state, String error) {
    }

    /** A batch was committed (transaction committed, or acked in at-least-once mode). */
    default void onCommit(int records, long bytes) {
    }

    UplinkListener NONE = new UplinkListener() { };
}
