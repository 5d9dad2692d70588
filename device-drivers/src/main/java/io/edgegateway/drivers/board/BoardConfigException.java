package io.edgegateway.drivers.board;

/** A board config file is missing, unreadable or inconsistent; the message names the file and the problem. */
public final class BoardConfigException extends Exception {
    public BoardConfigException(String message) {
        super(message);
    }
}
