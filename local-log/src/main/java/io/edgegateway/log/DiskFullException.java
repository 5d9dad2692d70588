package io.edgegateway.log;

/**
 * An append was refused because the disk (or the configured disk budget, when nothing more can be
 * deleted) has no room. Nothing already stored was changed; appends succeed again as soon as space
 * returns, without reopening the log.
 */
public class DiskFullException extends LogException {
    public DiskFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
