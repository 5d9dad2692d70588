package io.edgegateway.gateway;

import io.edgegateway.log.Header;
import io.edgegateway.log.StoredRecord;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One line per record for the console tools: partition, offset, ISO time, key, headers and value. Bytes
 * that are printable UTF-8 are shown as text, anything else as {@code 0x...} hex, null as {@code null}.
 */
final class RecordFormat {
    private RecordFormat() {
    }

    static String line(StoredRecord r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.partition()).append('@').append(r.offset()).append(' ')
                .append(Instant.ofEpochMilli(r.timestamp())).append(" key=").append(bytes(r.key()));
        if (!r.headers().isEmpty()) {
            sb.append(" headers=[");
            for (int i = 0; i < r.headers().size(); i++) {
                Header h = r.headers().get(i);
                sb.append(i == 0 ? "" : ", ").append(h.key()).append('=').append(bytes(h.value()));
            }
            sb.append(']');
        }
        sb.append(' ').append(bytes(r.value()));
        return sb.toString();
    }

    static String bytes(byte[] b) {
        if (b == null) {
            return "null";
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
            for (int i = 0; i < s.length(); i++) {
                if (Character.isISOControl(s.charAt(i))) {
                    return "0x" + HexFormat.of().formatHex(b);
                }
            }
            return s.isEmpty() ? "\"\"" : s;
        } catch (CharacterCodingException e) {
            return "0x" + HexFormat.of().formatHex(b);
        }
    }
}
