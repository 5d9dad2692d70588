package io.edgegateway.drivers.rdm6300;

/**
 * The 40 bits of an EM4100 tag as an RDM6300 reports them: one customer (version) byte and a 32-bit card
 * number. Cards carry the number printed in two decimal forms, and users type what they read off the card,
 * so both are offered: the full 32-bit number as ten zero-padded digits ({@code 0007820578}), and the
 * "Wiegand 26" style pair of the third byte and the low 16 bits ({@code 119,21794}) that 26-bit readers
 * output for the same card.
 */
public record Em4100Tag(int customerCode, long cardNumber) {
    public Em4100Tag {
        if (customerCode < 0 || customerCode > 0xFF || cardNumber < 0 || cardNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a 40-bit EM4100 id: " + customerCode + "/" + cardNumber);
        }
    }

    /** The ten hex digits as sent on the wire, upper case: customer byte then card number. */
    public String hex() {
        return String.format("%02X%08X", customerCode, cardNumber);
    }

    /** The 32-bit card number as ten decimal digits. */
    public String decimal() {
        return String.format("%010d", cardNumber);
    }

    /** Bits 23..16 as a three-digit facility code and bits 15..0 as a five-digit number. */
    public String wiegand26() {
        return String.format("%03d,%05d", (cardNumber >> 16) & 0xFF, cardNumber & 0xFFFF);
    }
}
