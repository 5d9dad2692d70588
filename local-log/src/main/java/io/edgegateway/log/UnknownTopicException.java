package io.edgegateway.log;

/** A topic or partition that the log does not have was named. */
public class UnknownTopicException extends LogException {
    public UnknownTopicException(String message) {
        super(message);
    }
}
