package io.edgegateway.drivers.pn532;

/** Test helper: hex text with optional spaces to bytes. */
final class Bytes {
    private Bytes() {
    }

    static byte[] hex(String text) {
        String s = text.replace(" ", "");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
