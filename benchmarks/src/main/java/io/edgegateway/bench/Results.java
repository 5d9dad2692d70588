package io.edgegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One measurement per line, tab-separated, appended to a results file that the report step reads:
 * {@code id, round, value, unit, bytesPerRecord, bytesPerFsync, note}. Rows with the same id are rounds
 * of one case; the report takes their median. Written as soon as measured, so a crash keeps what was done.
 */
final class Results {
    private final Path file;

    Results(Path file) {
        this.file = file;
    }

    synchronized void add(String id, int round, double value, String unit, double bytesPerRecord, double bytesPerFsync,
            String note) {
        String line = String.format(Locale.ROOT, "%s\t%d\t%.3f\t%s\t%.2f\t%.1f\t%s%n", id, round, value, unit,
                bytesPerRecord, bytesPerFsync, note == null ? "" : note.replace('\t', ' ').replace('\n', ' '));
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf(Locale.ROOT, "  %-44s round %d: %,.0f %s%s%n", id, round, value, unit,
                bytesPerFsync > 0 ? String.format(Locale.ROOT, " (%.0f B/fsync)", bytesPerFsync) : "");
    }

    /** A single reading (memory, time). */
    void scalar(String id, double value, String unit, String note) {
        add(id, 0, value, unit, 0, 0, note);
    }
}
