package io.edgegateway.log;

/** The base of every error the log reports; the message always names what failed and where. */
public class LogException extends RuntimeException {
    public LogException(String message) {
        super(message);
    }

    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
