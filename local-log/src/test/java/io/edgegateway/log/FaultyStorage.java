package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link Storage} that fails the N-th operation of one kind, like Tape's deliberately failing file:
 * EIO ({@code IOException("Input/output error")}) or ENOSPC ({@code IOException("No space left on
 * device")}), once or from then on until {@link #clear()} ("the disk is full until space returns").
 *
 * <p>A failing write first writes a random prefix of its bytes (as a real short write before ENOSPC
 * does). A failing fsync of a file on a {@link SimDisk} drops the file's dirty data as Linux does, so a
 * later successful fsync does not make it durable.
 */
final class FaultyStorage implements Storage {
    enum Kind { WRITE, FSYNC, DIR_SYNC, RENAME, TRUNCATE, CREATE, DELETE }

    static IOException eio() {
        return new IOException("Input/output error");
    }

    static IOException enospc() {
        return new IOException("No space left on device");
    }

    private final Storage delegate;
    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
    private final Random random;
    private final List<Rule> rules = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong fired = new AtomicLong();

    private record Rule(Kind kind, long at, boolean sticky, Supplier<IOException> error) {
    }

    FaultyStorage(Storage delegate, long seed) {
        this.delegate = delegate;
        this.random = new Random(seed);
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicLong());
        }
    }

    /**
     * Fails the {@code n}-th operation of {@code kind} counted from now; if sticky, every later one too. Rules
     * add up until {@link #clear()}.
     */
    synchronized void failAt(Kind kind, long n, Supplier<IOException> e, boolean sticky) {
        rules.add(new Rule(kind, counts.get(kind).get() + n, sticky, e));
    }

    synchronized void clear() {
        rules.clear();
    }

    long count(Kind k) {
        return counts.get(k).get();
    }

    long fired() {
        return fired.get();
    }

    private synchronized IOException check(Kind k) {
        long n = counts.get(k).incrementAndGet();
        for (Rule r : rules) {
            if (r.kind() == k && (n == r.at() || (r.sticky() && n > r.at()))) {
                fired.incrementAndGet();
                return r.error().get();
            }
        }
        return null;
    }

    private void maybeFail(Kind k) throws IOException {
        IOException e = check(k);
        if (e != null) {
            throw e;
        }
    }

    private synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public StorageFile open(Path file, boolean create) throws IOException {
        if (create && !delegate.exists(file)) {
            maybeFail(Kind.CREATE);
        }
        return new Faulty(delegate.open(file, create));
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public boolean isDirectory(Path path) {
        return delegate.isDirectory(path);
    }

    @Override
    public long size(Path file) throws IOException {
        return delegate.size(file);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        maybeFail(Kind.DELETE);
        delegate.delete(path);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        maybeFail(Kind.RENAME);
        delegate.rename(from, to);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        maybeFail(Kind.DIR_SYNC);
        delegate.syncDirectory(dir);
    }

    @Override
    public AutoCloseable lock(Path file) throws IOException {
        return delegate.lock(file);
    }

    @Override
    public long usableSpace(Path path) throws IOException {
        return delegate.usableSpace(path);
    }

    private final class Faulty implements StorageFile {
        private final StorageFile f;

        Faulty(StorageFile f) {
            this.f = f;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            IOException e = check(Kind.WRITE);
            if (e != null) {
                int part = src.remaining() == 0 ? 0 : nextInt(src.remaining());
                if (part > 0) {
                    ByteBuffer prefix = src.duplicate();
                    prefix.limit(prefix.position() + part);
                    f.write(prefix, position);
                }
                throw e;
            }
            f.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return f.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            return f.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            maybeFail(Kind.TRUNCATE);
            f.truncate(size);
        }

        @Override
        public void force() throws IOException {
            IOException e = check(Kind.FSYNC);
            if (e != null) {
                if (delegate instanceof SimDisk d) {
                    d.dropDirty(f);
                }
                throw e;
            }
            f.force();
        }

        @Override
        public void close() throws IOException {
            f.close();
        }
    }
}
