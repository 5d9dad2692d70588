package io.edgegateway.drivers.nmea;

import java.nio.charset.StandardCharsets;

/**
 * Cuts an NMEA 0183 byte stream into sentences. A sentence starts with {@code $} (or {@code !} for
 * encapsulated ones) and ends at CR or LF; only printable ASCII may appear in between (NMEA 3.01 §5.3 via
 * NMEA 0183). A start character inside a sentence means bytes were lost: the partial sentence is
 * rejected and the new one started, so resync costs at most the damaged sentence. Sentences longer than
 * {@code maxLength} characters (start character to checksum, CR LF not counted) are rejected and the rest of
 * them skipped; the standard allows 80, real receivers send up to about 100. Bytes outside a sentence (binary
 * protocols sharing the port, noise) are reported in runs. Memory is one buffer of {@code maxLength} bytes.
 * Not thread-safe.
 */
public final class NmeaFramer {
    static final int NOISE_REPORT_RUN = 64;

    /** Receives complete sentences (without CR LF) and reject reasons. */
    public interface Sink {
        void onSentence(String sentence);

        void onReject(String reason, String detail);
    }

    private enum State { IDLE, IN_SENTENCE, SKIPPING }

    private final byte[] buffer;
    private int length;
    private int noise;
    private State state = State.IDLE;

    public NmeaFramer(int maxLength) {
        if (maxLength < 11) {
            throw new IllegalArgumentException("max sentence length too small: " + maxLength);
        }
        this.buffer = new byte[maxLength];
    }

    /** Bytes held between calls; never more than the maximum sentence length. */
    public int buffered() {
        return state == State.IN_SENTENCE ? length : 0;
    }

    public void feed(byte[] data, int offset, int count, Sink sink) {
        for (int i = offset; i < offset + count; i++) {
            feed(data[i] & 0xFF, sink);
        }
    }

    public void feed(int b, Sink sink) {
        if (b == '$' || b == '!') {
            if (state == State.IN_SENTENCE) {
                sink.onReject(NmeaDecoder.TRUNCATED, "new sentence after " + length + " characters of "
                        + preview());
            }
            reportNoise(sink);
            state = State.IN_SENTENCE;
            buffer[0] = (byte) b;
            length = 1;
            return;
        }
        if (b == '\r' || b == '\n') {
            if (state == State.IN_SENTENCE) {
                sink.onSentence(new String(buffer, 0, length, StandardCharsets.US_ASCII));
            }
            state = State.IDLE;
            return;
        }
        switch (state) {
            case IDLE -> {
                if (++noise == NOISE_REPORT_RUN) {
                    reportNoise(sink);
                }
            }
            case SKIPPING -> {
                // rest of a rejected sentence: already counted
            }
            case IN_SENTENCE -> {
                if (b < 0x20 || b > 0x7E) {
                    sink.onReject(NmeaDecoder.NON_PRINTABLE, String.format("byte 0x%02X after %s", b, preview()));
                    state = State.SKIPPING;
                } else if (length == buffer.length) {
                    sink.onReject(NmeaDecoder.TOO_LONG, "longer than " + buffer.length + " characters: "
                            + preview());
                    state = State.SKIPPING;
                } else {
                    buffer[length++] = (byte) b;
                }
            }
        }
    }

    private String preview() {
        return new String(buffer, 0, Math.min(length, 12), StandardCharsets.US_ASCII) + "...";
    }

    private void reportNoise(Sink sink) {
        if (noise > 0) {
            sink.onReject(NmeaDecoder.NOISE, noise + " bytes outside a sentence");
            noise = 0;
        }
    }
}
