package io.edgegateway.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a stable id for this machine, used as the gateway id when the config names none: the board serial
 * (the device tree's {@code serial-number}, else the {@code Serial} line of {@code /proc/cpuinfo} on a
 * Raspberry Pi), else the systemd machine id. The serial survives reflashing the SD card; the machine id does
 * not, which is why it comes last. An all-zero serial (emulators, some boards) is no id. The three paths are
 * parameters so tests run on temp files.
 */
public final class MachineIdentity {
    private final Path deviceTreeSerial;
    private final Path cpuInfo;
    private final Path machineId;

    public MachineIdentity(Path deviceTreeSerial, Path cpuInfo, Path machineId) {
        this.deviceTreeSerial = deviceTreeSerial;
        this.cpuInfo = cpuInfo;
        this.machineId = machineId;
    }

    public static MachineIdentity system() {
        return new MachineIdentity(Path.of("/proc/device-tree/serial-number"), Path.of("/proc/cpuinfo"),
                Path.of("/etc/machine-id"));
    }

    /** The id, lower-case, or empty if none of the sources has one. */
    public Optional<String> id() {
        return read(deviceTreeSerial).map(MachineIdentity::clean).filter(MachineIdentity::usable)
                .or(() -> read(cpuInfo).flatMap(MachineIdentity::cpuInfoSerial).filter(MachineIdentity::usable))
                .or(() -> read(machineId).map(MachineIdentity::clean).filter(MachineIdentity::usable));
    }

    private static Optional<String> read(Path p) {
        try {
            // /proc files report size 0, so read without trusting the size; cap what we keep.
            byte[] b = Files.readAllBytes(p);
            return Optional.of(new String(b, 0, Math.min(b.length, 1 << 20), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> cpuInfoSerial(String text) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("Serial")) {
                return Optional.of(clean(line.substring(colon + 1)));
            }
        }
        return Optional.empty();
    }

    /** Device-tree strings end with a NUL; keep only the characters an id may have. */
    private static String clean(String raw) {
        return raw.replace("\0", "").strip().toLowerCase(Locale.ROOT);
    }

    private static boolean usable(String id) {
        return id.matches("[a-z0-9._-]{4,64}") && !id.matches("0+");
    }
}
