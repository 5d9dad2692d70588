package io.edgegateway.gateway.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations and byte sizes as people write them in config: {@code 250ms}, {@code 30s}, {@code 5m},
 * {@code 12h}, {@code 7d}; {@code 4096}, {@code 64KiB}, {@code 512MiB}, {@code 2GiB} (powers of 1024) and
 * {@code 100MB} (powers of 1000). A duration needs its unit: a bare {@code 30} could be seconds or
 * milliseconds, and guessing wrong by a factor of 1000 is the kind of bug nobody sees until the disk fills.
 */
final class Quantities {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|min|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|kib|mib|gib|tib|kb|mb|gb|tb)?");

    static final String DURATION_FORMS = "a number with a unit: ms, s, m, h or d (e.g. 30s, 7d)";
    static final String SIZE_FORMS = "bytes, or a number with a unit: KiB, MiB, GiB, KB, MB, GB (e.g. 512MiB)";

    private Quantities() {
    }

    /** Milliseconds, or empty if the text is not a duration. */
    static OptionalLong durationMillis(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        return n > Long.MAX_VALUE / unit ? OptionalLong.empty() : OptionalLong.of(n * unit);
    }

    /** Bytes, or empty if the text is not a size. */
    static OptionalLong bytes(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(m.group(1));
        String u = m.group(2) == null ? "b" : m.group(2);
        long unit = switch (u) {
            case "b" -> 1;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            case "kb" -> 1_000;
            case "mb" -> 1_000_000;
            case "gb" -> 1_000_000_000;
            default -> 1_000_000_000_000L;
        };
        return n > Long.MAX_VALUE / unit ? OptionalLong.empty() : OptionalLong.of(n * unit);
    }
}
