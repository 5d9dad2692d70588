package io.edgegateway.uplink;

import java.util.Map;

/**
 * A batch was not (entirely) delivered. {@code kind} says what to do next (see {@link Errors}); topic
 * errors name the topics to pause with their first error; {@code delivered} lists, in at-least-once
 * mode, the partitions whose leading events were acked anyway (the next offset after them); {@code fenced}
 * tells a takeover by another instance from other fatal errors.
 */
final class DeliveryFailure extends Exception {
    private static final long serialVersionUID = 1L;

    final Errors.Kind kind;
    final Map<String, Throwable> topicErrors;
    final Map<EdgePartition, Long> delivered;
    /** Another producer with the same transactional id took over (not a timed-out transaction of ours). */
    boolean fenced;

    DeliveryFailure(Errors.Kind kind, String message, Throwable cause, Map<String, Throwable> topicErrors,
            Map<EdgePartition, Long> delivered) {
        super(message, cause);
        this.kind = kind;
        this.topicErrors = topicErrors;
        this.delivered = delivered;
    }
}
