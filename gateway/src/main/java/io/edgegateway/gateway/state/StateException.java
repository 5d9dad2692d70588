package io.edgegateway.gateway.state;

/**
 * The state database failed or refused an operation (it cannot be opened, its schema is newer than this
 * build, a name is taken). Unchecked: callers at the web and CLI edges turn it into a message.
 */
public final class StateException extends RuntimeException {
    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
