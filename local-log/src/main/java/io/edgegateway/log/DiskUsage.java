package io.edgegateway.log;

import java.io.IOException;
import java.nio.file.Path;

/** Adds up the size of every file under a directory, through the {@link Storage}. */
final class DiskUsage {
    private DiskUsage() {
    }

    static long of(Storage storage, Path dir) throws IOException {
        long total = 0;
        for (String name : storage.list(dir)) {
            Path p = dir.resolve(name);
            try {
                total += storage.size(p);
                if (storage.isDirectory(p)) {
                    total += of(storage, p);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // Deleted while we looked: it no longer counts.
            }
        }
        return total;
    }

}
