package io.edgegateway.log;

/**
 * A reader met a damaged batch inside a sealed segment. The log never cuts sealed data silently: the
 * reader stops here, names the segment file and byte position, and the caller decides whether to
 * {@link LogReader#skipCorrupt() skip} past it.
 */
public class CorruptBatchException extends LogException {
    private final String segment;
    private final long position;
    private final long expectedOffset;

    public CorruptBatchException(String segment, long position, long expectedOffset, String reason) {
        super("corrupt batch in segment " + segment + " at byte " + position + " (expected offset "
                + expectedOffset + "): " + reason + "; call skipCorrupt() to continue after it");
        this.segment = segment;
        this.position = position;
        this.expectedOffset = expectedOffset;
    }

    public String segment() { return segment; }
    public long position() { return position; }
    public long expectedOffset() { return expectedOffset; }
}
