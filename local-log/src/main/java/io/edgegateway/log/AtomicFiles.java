package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Makes a file appear with all its content or not at all: write a {@code .tmp} file, fsync it, rename
 * it over the target, fsync the directory (as Kafka's {@code Utils.atomicMoveWithFallback}). Used for
 * checkpoints, cursors and index files. A crash leaves either the old file or the new one, plus at most a
 * {@code .tmp} file that the log deletes when it opens; a failure before the rename deletes it at once.
 * Public so that other small state files of the gateway get the same guarantee.
 */
public final class AtomicFiles {
    static final String TMP = ".tmp";

    private AtomicFiles() {
    }

    public static void write(Storage storage, Path target, ByteBuffer content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + TMP);
        try {
            try (StorageFile f = storage.open(tmp, true)) {
                f.truncate(0);
                f.write(content, 0);
                f.force();
            }
            storage.rename(tmp, target);
        } catch (IOException e) {
            // A half-written temp file would hold disk space (on a full disk, the space a retry needs) until
            // the next open deletes it.
            try {
                storage.delete(tmp);
            } catch (IOException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
        storage.syncDirectory(target.getParent());
    }

    static ByteBuffer readAll(Storage storage, Path file) throws IOException {
        try (StorageFile f = storage.open(file, false)) {
            long size = f.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException(file + " is too large: " + size + " bytes");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining()) {
                if (f.read(b, b.position()) < 0) {
                    break;
                }
            }
            return b.flip();
        }
    }
}
