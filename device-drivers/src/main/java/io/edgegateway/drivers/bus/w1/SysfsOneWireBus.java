package io.edgegateway.drivers.bus.w1;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.OneWireBus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@link OneWireBus} over the kernel's w1 sysfs folder ({@code /sys/bus/w1/devices} by default; a temp folder
 * in tests and simulation). Slave folders are named {@code %02x-%012llx} by the w1 core (family code, 48-bit
 * serial); ids and attribute names are checked against that shape so a config value can never name a path
 * outside the folder.
 */
public final class SysfsOneWireBus implements OneWireBus {
    /** Where the Linux w1 core lists slaves. */
    public static final Path DEFAULT_ROOT = Path.of("/sys/bus/w1/devices");

    private static final Pattern SLAVE_ID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{12}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z0-9_]{1,32}");

    private final Path root;

    public SysfsOneWireBus(Path root) {
        this.root = root;
    }

    public SysfsOneWireBus() {
        this(DEFAULT_ROOT);
    }

    @Override
    public List<String> slaves(String familyCode) throws BusException {
        if (!Files.isDirectory(root)) {
            throw new BusException("1-Wire folder " + root + " not found (is the w1-gpio overlay enabled?)");
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, familyCode + "-*")) {
            for (Path p : dirs) {
                String name = p.getFileName().toString();
                if (SLAVE_ID.matcher(name).matches()) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            throw new BusException("cannot list 1-Wire folder " + root + ": " + e.getMessage(), e);
        }
        Collections.sort(ids);
        return ids;
    }

    @Override
    public String read(String slaveId, String attribute) throws BusException {
        if (!SLAVE_ID.matcher(slaveId).matches() || !ATTRIBUTE.matcher(attribute).matches()) {
            throw new BusException("not a 1-Wire slave attribute: " + slaveId + "/" + attribute);
        }
        Path file = root.resolve(slaveId).resolve(attribute);
        try {
            // Latin-1 maps every byte to a char, so a garbled file reaches the driver's parser (a counted
            // reject) instead of failing the whole device with a decoding error.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new BusException("1-Wire slave " + slaveId + " is gone (" + file + " missing)", e);
        } catch (IOException e) {
            throw new BusException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
