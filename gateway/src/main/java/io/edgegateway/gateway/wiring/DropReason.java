package io.edgegateway.gateway.wiring;

/**
 * Why an event from a device did not reach the log (including the events an {@link EventProcessor} filtered
 * out on purpose). The set is small and fixed so it can label a metric;
 * {@link #label()} is the metric's tag value.
 */
public enum DropReason {
    /** The log refused the append: the disk, or its budget, is full and nothing more may be deleted. */
    DISK_FULL("disk-full"),
    /** Too many appends were waiting for the log; dropping keeps memory bounded while the disk is slow. */
    BACKLOG_FULL("backlog-full"),
    /** The event is larger than its topic's max-record-bytes. */
    TOO_LARGE("too-large"),
    /** The device has no topic (it was removed by a reconfiguration while an event was on its way). */
    NO_ROUTE("no-route"),
    /** Any other log failure (an I/O error, the log closing during shutdown). */
    LOG_ERROR("log-error"),
    /** The configured {@link EventProcessor} chose not to store the event. */
    FILTERED("filtered"),
    /** The configured {@link EventProcessor} failed on the event (threw, or returned null). */
    PROCESSOR_ERROR("processor-error");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
