package io.edgegateway.gateway.wiring;

/**
 * A valid config cannot be applied to the running gateway (a topic's partition count would change, which
 * would move keys to other partitions). Nothing was changed when this is thrown.
 */
public final class ReconfigurationException extends Exception {
    public ReconfigurationException(String message) {
        super(message);
    }
}
