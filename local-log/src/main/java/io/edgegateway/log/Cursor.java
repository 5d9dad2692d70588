package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * A named, durable read position per partition of one topic (for example the uplink's). A position is
 * the next offset to read. {@link #commit} returns after the new position is on disk: the checkpoint
 * file {@code cursors/<name>/<topic>.cursor} is replaced atomically (temp file, fsync, rename, fsync
 * directory), so after a crash a cursor is at the last committed position, never between. Cursors also
 * protect unread data from retention up to the topic's {@code maxProtectedBytes}. Thread-safe.
 *
 * <p>File format, UTF-8 text: a first line {@code edge-gateway-cursor 1}, then one line
 * {@code <partition> <offset>} per partition.
 */
public final class Cursor {
    static final String HEADER = "edge-gateway-cursor 1";

    private final String name;
    private final String topic;
    private final Storage storage;
    private final Path file;
    private final long[] positions;
    private final LongConsumer sizeChange;

    /** @param sizeChange told how many bytes the file grew (or shrank) at each commit, for the disk budget */
    Cursor(String name, String topic, int partitions, Storage storage, Path file, long[] initial,
            LongConsumer sizeChange) {
        this.sizeChange = sizeChange;
        this.name = name;
        this.topic = topic;
        this.storage = storage;
        this.file = file;
        this.positions = initial.clone();
        if (positions.length != partitions) {
            throw new IllegalStateException("cursor " + name + " has " + positions.length + " partitions, topic "
                    + partitions);
        }
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public synchronized long position(int partition) {
        check(partition);
        return positions[partition];
    }

    public synchronized Map<Integer, Long> positions() {
        Map<Integer, Long> m = new TreeMap<>();
        for (int i = 0; i < positions.length; i++) {
            m.put(i, positions[i]);
        }
        return m;
    }

    /** Durably moves the cursor of one partition; see {@link #commit(Map)}. */
    public void commit(int partition, long nextOffset) {
        commit(Map.of(partition, nextOffset));
    }

    /**
     * Durably moves several partitions at once (one file write). If the file cannot be written the
     * positions stay where they were (on disk too, unless only the final directory fsync failed: then the
     * file may already hold the new positions, which a retry confirms); a full disk throws
     * {@link DiskFullException}, and the caller retries once space returns.
     */
    public synchronized void commit(Map<Integer, Long> nextOffsets) {
        long[] next = positions.clone();
        for (Map.Entry<Integer, Long> e : nextOffsets.entrySet()) {
            check(e.getKey());
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("cursor " + name + ": offset " + e.getValue() + " for " + topic + "-"
                        + e.getKey() + " is negative");
            }
            next[e.getKey()] = e.getValue();
        }
        try {
            byte[] text = render(next).getBytes(StandardCharsets.UTF_8);
            long before = storage.exists(file) ? storage.size(file) : 0;
            AtomicFiles.write(storage, file, ByteBuffer.wrap(text));
            sizeChange.accept(text.length - before);
        } catch (IOException e) {
            throw LogContext.asLogException(e, "cursor " + name + " on " + topic + ": writing " + file);
        }
        System.arraycopy(next, 0, positions, 0, next.length);
    }

    private void check(int partition) {
        if (partition < 0 || partition >= positions.length) {
            throw new UnknownTopicException("topic '" + topic + "' has no partition " + partition);
        }
    }

    static String render(long[] positions) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < positions.length; i++) {
            sb.append(i).append(' ').append(positions[i]).append('\n');
        }
        return sb.toString();
    }

    /** Parses a cursor file; throws {@link LogException} naming the file and line if it is malformed. */
    static long[] parse(String text, int partitions, Path file) {
        long[] out = new long[partitions];
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new LogException("cursor file " + file + " does not start with '" + HEADER + "'");
        }
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split(" ");
            try {
                int p = Integer.parseInt(f[0]);
                long o = Long.parseLong(f[1]);
                if (f.length != 2 || p < 0 || o < 0) {
                    throw new NumberFormatException();
                }
                if (p < partitions) {
                    out[p] = o;
                }
            } catch (RuntimeException e) {
                throw new LogException("cursor file " + file + " line " + (i + 1) + " is malformed: '" + lines[i] + "'");
            }
        }
        return out;
    }
}
