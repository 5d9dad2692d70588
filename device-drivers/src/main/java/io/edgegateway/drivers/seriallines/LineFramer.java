package io.edgegateway.drivers.seriallines;

/**
 * Cuts a byte stream into lines at a one-byte delimiter (LF, or CR for devices that end lines with CR only).
 * With LF a CR right before it is dropped, so Arduino's {@code println} (CR LF) and Unix-style LF both work.
 * The buffer holds at most {@code maxLength} bytes: a longer line is rejected once and the rest of it is
 * skipped up to the next delimiter, which is where the framer is in sync again. Empty lines are skipped
 * silently (sketches print blank lines as separators). Lines come out as raw bytes; decoding the text is the
 * caller's business. Not thread-safe.
 */
public final class LineFramer {
    /** Receives complete lines and overlong-line rejects. */
    public interface Sink {
        void onLine(byte[] line, int length);

        void onReject(String reason, String detail);
    }

    private final byte[] buffer;
    private final int delimiter;
    private int length;
    private boolean skipping;

    public LineFramer(int maxLength, int delimiter) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max line length must be positive: " + maxLength);
        }
        this.buffer = new byte[maxLength];
        this.delimiter = delimiter;
    }

    /** Bytes held between calls; never more than the maximum line length. */
    public int buffered() {
        return length;
    }

    public void feed(byte[] data, int offset, int count, Sink sink) {
        for (int i = offset; i < offset + count; i++) {
            feed(data[i], sink);
        }
    }

    private void feed(byte b, Sink sink) {
        if (b == delimiter) {
            int n = length;
            if (delimiter == '\n' && n > 0 && buffer[n - 1] == '\r') {
                n--;
            }
            if (!skipping && n > 0) {
                sink.onLine(buffer, n);
            }
            length = 0;
            skipping = false;
            return;
        }
        if (skipping) {
            return;
        }
        if (length == buffer.length) {
            sink.onReject(SerialLinesDecoder.TOO_LONG, "no delimiter within " + buffer.length + " bytes");
            skipping = true;
            length = 0;
            return;
        }
        buffer[length++] = b;
    }
}
