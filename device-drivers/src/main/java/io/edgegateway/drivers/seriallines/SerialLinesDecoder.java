package io.edgegateway.drivers.seriallines;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Bytes in, field maps out: {@link LineFramer} cuts lines, each is decoded as strict UTF-8 (a line with
 * invalid bytes, typically noise or a wrong baud rate, is rejected rather than mapped with replacement
 * characters), then mapped by a {@link LineMapper}. A line that maps to no fields at all (every group was
 * optional and absent) is rejected as {@link #NO_MATCH} too, since it says nothing. Not thread-safe.
 */
public final class SerialLinesDecoder implements LineFramer.Sink {
    /** Reject reasons, as counted in the device metrics. */
    public static final String TOO_LONG = "line-too-long";
    public static final String BAD_ENCODING = "bad-encoding";
    public static final String NO_MATCH = "no-match";
    public static final String BAD_VALUE = "bad-value";

    /** Receives mapped lines and reject reasons, on the feeding thread. */
    public interface Listener {
        void onRecord(Map<String, Object> fields);

        void onReject(String reason, String detail);
    }

    private final LineFramer framer;
    private final LineMapper mapper;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private Listener listener;

    public SerialLinesDecoder(int maxLineLength, int delimiter, LineMapper mapper) {
        this.framer = new LineFramer(maxLineLength, delimiter);
        this.mapper = mapper;
    }

    public void feed(byte[] data, int offset, int length, Listener l) {
        this.listener = l;
        framer.feed(data, offset, length, this);
    }

    public int buffered() {
        return framer.buffered();
    }

    @Override
    public void onLine(byte[] line, int length) {
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            listener.onReject(BAD_ENCODING, "line of " + length + " bytes is not UTF-8");
            return;
        }
        try {
            Map<String, Object> fields = mapper.map(text);
            if (fields.isEmpty()) {
                listener.onReject(NO_MATCH, "no field captured from: " + text);
                return;
            }
            listener.onRecord(fields);
        } catch (LineMapper.Unmapped u) {
            listener.onReject(u.reason, u.getMessage());
        }
    }

    @Override
    public void onReject(String reason, String detail) {
        listener.onReject(reason, detail);
    }
}
