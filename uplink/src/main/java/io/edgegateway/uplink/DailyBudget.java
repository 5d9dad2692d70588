package io.edgegateway.uplink;

import io.edgegateway.log.AtomicFiles;
import io.edgegateway.log.FileStorage;
import io.edgegateway.log.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daily byte budget for metered links: at most {@code limit} bytes are sent per UTC day; when it is
 * spent, forwarding waits for the next UTC midnight and the events stay in the local log. Bytes are counted
 * when sent (a retried batch costs again, as on the bill). With a state file, the bytes used today are
 * written there before each batch goes out, and a restart on the same UTC day continues from them, so a
 * process that crashes and restarts in a loop cannot spend the budget again and again. The file is written
 * atomically (temporary file, fsync, rename); a missing, unreadable or damaged one starts the day at zero
 * with a warning, and a failed write is logged and never stops forwarding. A limit of 0 disables it (and
 * the file is not touched). Thread-safe.
 */
final class DailyBudget {
    private static final Logger log = LoggerFactory.getLogger(DailyBudget.class);
    static final long DAY_MS = 86_400_000L;
    private static final String FORMAT = "edge-uplink-daily-budget 1";

    private final long limit;
    private final Clock clock;
    /** The budget file is written like the log's own small files, through its atomic-write path. */
    private static final Storage STORAGE = new FileStorage();

    private final Path file;
    private long day = -1;
    private long used;
    private boolean writeFailureLogged;

    DailyBudget(long limit, Clock clock) {
        this(limit, clock, null);
    }

    /** @param file where the bytes used today are kept across restarts, or null to keep them in memory only */
    DailyBudget(long limit, Clock clock, Path file) {
        this.limit = limit;
        this.clock = clock;
        this.file = file;
        if (enabled() && file != null) {
            load();
        }
    }

    boolean enabled() {
        return limit > 0;
    }

    /** Bytes still allowed today ({@code Long.MAX_VALUE} without a budget). */
    synchronized long remaining() {
        if (!enabled()) {
            return Long.MAX_VALUE;
        }
        roll();
        return Math.max(0, limit - used);
    }

    /** Books bytes about to be sent; persisted before returning, so the bytes are counted even if the process dies. */
    synchronized void consume(long bytes) {
        roll();
        used += bytes;
        if (enabled()) {
            store();
        }
    }

    synchronized long usedToday() {
        roll();
        return used;
    }

    /** Milliseconds until the budget refills (the next UTC midnight). */
    long millisUntilRefill() {
        long now = clock.millis();
        return DAY_MS - Math.floorMod(now, DAY_MS);
    }

    private void roll() {
        long d = Math.floorDiv(clock.millis(), DAY_MS);
        if (d != day) {
            day = d;
            used = 0;
        }
    }

    private void load() {
        roll();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | RuntimeException e) {
            log.warn("uplink: cannot read the daily budget state {} ({}); counting today's bytes from zero", file,
                    e.toString());
            return;
        }
        String[] lines = text.split("\n", -1);
        try {
            if (lines.length != 4 || !lines[0].equals(FORMAT) || !lines[3].isEmpty()) {
                throw new IllegalArgumentException("unexpected layout");
            }
            long storedDay = Long.parseLong(field(lines[1], "day="));
            long storedUsed = Long.parseLong(field(lines[2], "used="));
            if (storedUsed < 0) {
                throw new IllegalArgumentException("negative byte count");
            }
            if (storedDay == day) {
                used = storedUsed;
                log.info("uplink: {} bytes of today's budget of {} were already used before this start", used, limit);
            }
        } catch (RuntimeException e) {
            log.warn("uplink: the daily budget state {} is damaged ({}); counting today's bytes from zero", file,
                    e.getMessage());
        }
    }

    private static String field(String line, String prefix) {
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("expected " + prefix + "...");
        }
        return line.substring(prefix.length());
    }

    private void store() {
        if (file == null) {
            return;
        }
        byte[] content = (FORMAT + "\nday=" + day + "\nused=" + used + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            STORAGE.createDirectories(file.getParent());
            AtomicFiles.write(STORAGE, file, ByteBuffer.wrap(content));
            if (writeFailureLogged) {
                log.info("uplink: the daily budget state {} is written again", file);
                writeFailureLogged = false;
            }
        } catch (IOException | RuntimeException e) {
            // Forwarding goes on: the budget in memory still holds for this run; only a restart would forget.
            if (!writeFailureLogged) {
                log.warn("uplink: cannot write the daily budget state {} ({}); a restart today would count from"
                        + " zero", file, e.toString());
                writeFailureLogged = true;
            }
        }
    }
}
