package io.edgegateway.drivers.bus.pi4j;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the GPIO controller that drives the 40-pin header by its label, never by its number. Chip numbers
 * move between kernels: on a Pi 5 the header chip ({@code pinctrl-rp1}) was gpiochip4 until Raspberry Pi
 * kernel 6.6.45 made it gpiochip0 (raspberrypi/linux PR #6144), and sysfs GPIO numbers start at 512+ on
 * recent kernels (raspberrypi/linux #6037). Reads {@code <root>/gpiochip<base>/label|base|ngpio}, where root
 * is {@code /sys/class/gpio} by default and a temp folder in tests.
 */
public final class GpioChipLocator {
    /** Default sysfs folder listing GPIO controllers. */
    public static final Path DEFAULT_ROOT = Path.of("/sys/class/gpio");

    private final Path root;

    public GpioChipLocator(Path root) {
        this.root = root;
    }

    public GpioChipLocator() {
        this(DEFAULT_ROOT);
    }

    /** One GPIO controller as sysfs describes it; {@code charDevice} is e.g. {@code gpiochip0} when known. */
    public record Chip(String label, int base, int lines, Optional<String> charDevice) {
    }

    /** Every controller that could be read; unreadable entries are skipped. */
    public List<Chip> chips() throws IOException {
        List<Chip> chips = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return chips;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "gpiochip*")) {
            for (Path dir : dirs) {
                try {
                    chips.add(new Chip(read(dir, "label"), Integer.parseInt(read(dir, "base")),
                            Integer.parseInt(read(dir, "ngpio")), charDevice(dir)));
                } catch (IOException | NumberFormatException e) {
                    // a half-registered or foreign chip: it is not ours to drive
                }
            }
        }
        chips.sort((a, b) -> Integer.compare(a.base(), b.base()));
        return chips;
    }

    /** The controller whose label equals {@code label} exactly (e.g. {@code pinctrl-rp1}). */
    public Optional<Chip> find(String label) throws IOException {
        return chips().stream().filter(c -> c.label().equals(label)).findFirst();
    }

    private static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name)).trim();
    }

    /** The {@code device} link of a sysfs chip leads to its parent, which lists the character device. */
    private static Optional<String> charDevice(Path dir) {
        Path device = dir.resolve("device");
        if (!Files.isDirectory(device)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(device, "gpiochip[0-9]*")) {
            for (Path p : entries) {
                return Optional.of(p.getFileName().toString());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
