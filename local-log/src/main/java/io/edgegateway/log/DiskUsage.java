package io.edgegateway.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Adds up the size of every file under a directory, through the {@link Storage}. Folders themselves do not
 * count: their size is filesystem metadata that grows with the number of entries (and on ext4 never
 * shrinks), which the running account of the disk budget cannot follow between recounts.
 */
final class DiskUsage {
    private DiskUsage() {
    }

    static long of(Storage storage, Path dir) throws IOException {
        long total = 0;
        for (String name : storage.list(dir)) {
            Path p = dir.resolve(name);
            try {
                if (storage.isDirectory(p)) {
                    total += of(storage, p);
                } else {
                    total += storage.size(p);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // Deleted while we looked: it no longer counts.
            }
        }
        return total;
    }

}
