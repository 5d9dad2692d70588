package io.edgegateway.log;

/** A record's encoded size is above the topic's {@code maxRecordBytes}; the record was not stored. */
public class RecordTooLargeException extends LogException {
    public RecordTooLargeException(String message) {
        super(message);
    }
}
