package io.edgegateway.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The only way the log touches the disk. {@link FileStorage} is the real one; tests pass their own to
 * throw at the N-th write or fsync, to fill the disk, or to simulate a power cut by dropping or tearing
 * writes that were not yet synced. Paths are absolute or relative to the process; the log never uses
 * {@code java.nio.file.Files} directly.
 */
public interface Storage {

    /** Opens a file for reading and writing, creating it (empty) if {@code create} and it is missing. */
    StorageFile open(Path file, boolean create) throws IOException;

    boolean exists(Path path);

    boolean isDirectory(Path path);

    /** The size of a file in bytes. */
    long size(Path file) throws IOException;

    /** The names of the entries directly inside a directory, in no particular order. */
    List<String> list(Path dir) throws IOException;

    /** Deletes a file or an empty directory; does nothing if it is missing. */
    void delete(Path path) throws IOException;

    /** Renames atomically, replacing the target. The rename is durable only after {@link #syncDirectory}. */
    void rename(Path from, Path to) throws IOException;

    void createDirectories(Path dir) throws IOException;

    /** Makes creations, renames and deletions inside the directory durable. */
    void syncDirectory(Path dir) throws IOException;

    /**
     * Takes an exclusive lock on {@code file} (created if missing) so two writers never share one log;
     * throws an {@link IOException} saying so if it is held.
     */
    AutoCloseable lock(Path file) throws IOException;

    /**
     * When a file was last modified, in milliseconds since the epoch, or 0 if unknown; orders files the
     * log deletes oldest first.
     */
    default long lastModifiedMillis(Path file) throws IOException {
        return 0;
    }

    /** Bytes free for this process on the filesystem holding {@code path}, or -1 if unknown. */
    long usableSpace(Path path) throws IOException;
}
