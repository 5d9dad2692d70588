package io.edgegateway.drivers.mfrc522;

import java.util.Optional;

/**
 * What VersionReg (0x37, datasheet §9.3.4.8) says about the chip on the bus. NXP documents 0x91 (v1.0) and
 * 0x92 (v2.0); modules sold as MFRC522 also report 0x90, 0x88 (Fudan FM17522) and 0x12 (a counterfeit),
 * which read UIDs the same way. 0x00 or 0xFF means nothing drives MISO: no module, no power or broken wiring.
 */
enum ChipVersion {
    NXP_V1(0x91, "MFRC522 v1.0", true),
    NXP_V2(0x92, "MFRC522 v2.0", true),
    NXP_V0(0x90, "MFRC522 v0.0", false),
    FM17522(0x88, "FM17522 (Fudan clone)", false),
    COUNTERFEIT(0x12, "counterfeit MFRC522", false);

    private final int value;
    private final String label;
    private final boolean genuine;

    ChipVersion(int value, String label, boolean genuine) {
        this.value = value;
        this.label = label;
        this.genuine = genuine;
    }

    static Optional<ChipVersion> of(int versionReg) {
        for (ChipVersion v : values()) {
            if (v.value == versionReg) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Whether a VersionReg value means "nobody answered" rather than "some other chip answered". */
    static boolean noCommunication(int versionReg) {
        return versionReg == 0x00 || versionReg == 0xFF;
    }

    int value() {
        return value;
    }

    String label() {
        return label;
    }

    boolean genuine() {
        return genuine;
    }
}
