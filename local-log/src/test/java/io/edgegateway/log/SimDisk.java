package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * An in-memory filesystem that can lose power, in the spirit of SQLite's crash-simulating VFS
 * ({@code src/test6.c}, used by {@code crash.test}): it remembers what is durable and what is only "in
 * the page cache", and at a scripted I/O step it dies and hands back what a disk could hold after the cut.
 *
 * <p>Per file it keeps the content as of the last {@code force()} and the writes and truncates issued since;
 * per directory the entries as of the last {@link #syncDirectory} and the creations, renames and deletions
 * since. That is the POSIX contract and no more: {@code fsync} of a file does not make its directory
 * entry durable, a rename is durable only after the directory is synced.
 *
 * <p>At a crash ({@link #crashAtStep} or {@link #crashNow}) a {@link Damage} decides what survives:
 * unsynced file operations are dropped, applied, or a write is torn at a random byte with zeros or garbage
 * after the tear; a directory keeps a random prefix of its unsynced operations (a journaling filesystem
 * commits metadata in order). An inode whose directory entry did not survive is gone with its content.
 * After the crash every operation of this disk fails, as the process is dead; {@link #afterCrash()} is
 * the disk as found at the next boot.
 *
 * <p>A failed fsync can be modelled as on Linux since 4.13 ({@link #dropDirty}): the dirty data stays
 * readable but is marked clean, so no later fsync writes it (PostgreSQL's "fsyncgate").
 *
 * <p>Paths must be absolute. Every method is synchronized on the disk: this is a test double, not fast.
 */
final class SimDisk implements Storage {

    /** How the unsynced state of a crashed disk is damaged. */
    enum Damage {
        /** Nothing unsynced survives: the page cache was never written back. */
        DROP_ALL,
        /** Everything survives, as after {@code kill -9}. */
        KEEP_ALL,
        /** Per file a prefix of the unsynced operations, the next write possibly torn; per directory a prefix. */
        PREFIX_TORN,
        /** Per file each unsynced operation independently kept, dropped or (writes) torn; per directory a prefix. */
        RANDOM;

        static Damage pick(Random r) {
            return values()[r.nextInt(values().length)];
        }
    }

    private static final class Node {
        final boolean dir;
        // A file: what the process sees, what is on stable storage, and what was issued since.
        byte[] data = new byte[0];
        int size;
        byte[] synced = new byte[0];
        final List<FileOp> pending = new ArrayList<>();
        // A directory: live entries, durable entries, operations since the last directory sync.
        final Map<String, Node> entries = new HashMap<>();
        Map<String, Node> syncedEntries = new HashMap<>();
        final List<DirOp> dirPending = new ArrayList<>();

        Node(boolean dir) {
            this.dir = dir;
        }
    }

    /** A write ({@code bytes} at {@code pos}) or a truncate ({@code bytes == null}, new size {@code pos}). */
    private record FileOp(long pos, byte[] bytes) {
    }

    /** Sets {@code name} to {@code node} (null removes it); a rename also removes {@code from}. */
    private record DirOp(String name, Node node, String from) {
    }

    private final Node root;
    private final Set<Path> locks = new HashSet<>();
    private long steps;
    private long crashAtStep = -1;
    private long crashSeed;
    private Damage crashDamage;
    private boolean dead;
    private String crashNote;
    private SimDisk image;
    private List<String> trace;
    private LongConsumer beforeStep;

    SimDisk() {
        this(new Node(true));
    }

    private SimDisk(Node root) {
        this.root = root;
    }

    // ---------------------------------------------------------------- test controls

    /** Makes {@code dir} and its parents exist durably, as a directory that was there before the test. */
    synchronized SimDisk mkdirsDurable(Path dir) {
        Node n = root;
        for (Path part : dir) {
            String name = part.toString();
            Node c = n.entries.get(name);
            if (c == null) {
                c = new Node(true);
                n.entries.put(name, c);
                n.syncedEntries.put(name, c);
            }
            n = c;
        }
        return this;
    }

    /** Dies just before the {@code step}-th mutating operation (1-based), damaging unsynced state. */
    synchronized void crashAtStep(long step, long seed, Damage damage) {
        this.crashAtStep = step;
        this.crashSeed = seed;
        this.crashDamage = damage;
    }

    /** Dies now; returns the disk as found at the next boot. */
    synchronized SimDisk crashNow(long seed, Damage damage) {
        crash(seed, damage, "crash requested at step " + steps);
        return image;
    }

    synchronized boolean crashed() {
        return dead;
    }

    /** The disk as found after the power cut; the crash must have happened. */
    synchronized SimDisk afterCrash() {
        if (image == null) {
            throw new IllegalStateException("the disk has not crashed (" + steps + " steps so far)");
        }
        return image;
    }

    synchronized String crashNote() {
        return crashNote;
    }

    /** Mutating operations performed so far. */
    synchronized long steps() {
        return steps;
    }

    /** Starts recording a description of each mutating operation, for finding the steps of interest. */
    synchronized void recordTrace() {
        trace = new ArrayList<>();
    }

    synchronized List<String> trace() {
        return trace == null ? List.of() : List.copyOf(trace);
    }

    /** Called (under the disk's lock) before each mutating step with its number; may throw to inject a fault. */
    synchronized void beforeStep(LongConsumer hook) {
        this.beforeStep = hook;
    }

    /** Models a failed fsync on Linux: the unsynced writes stay readable but will never reach the disk. */
    synchronized void dropDirty(StorageFile f) {
        ((SimFile) f).node.pending.clear();
    }

    /** Every file and directory by path with its live content; for assertions and debugging. */
    synchronized Map<String, byte[]> snapshot() {
        Map<String, byte[]> out = new TreeMap<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(Node n, String path, Map<String, byte[]> out) {
        for (Map.Entry<String, Node> e : n.entries.entrySet()) {
            String p = path + "/" + e.getKey();
            if (e.getValue().dir) {
                out.put(p + "/", null);
                walk(e.getValue(), p, out);
            } else {
                out.put(p, Arrays.copyOf(e.getValue().data, e.getValue().size));
            }
        }
    }

    /** Overwrites bytes of an existing file, durably (damage done "by the disk" between runs). */
    synchronized void poke(Path file, long pos, byte[] bytes) throws IOException {
        Node n = file(file);
        writeInto(n, pos, bytes, bytes.length);
        n.synced = Arrays.copyOf(n.data, n.size);
        n.pending.clear();
    }

    // ---------------------------------------------------------------- crashing

    private void step(java.util.function.Supplier<String> what) throws IOException {
        if (dead) {
            throw new IOException("Input/output error (the simulated machine lost power: " + crashNote + ")");
        }
        steps++;
        if (steps == crashAtStep) {
            crash(crashSeed, crashDamage, "power lost at step " + steps + " (" + what.get() + "), damage " + crashDamage
                    + ", seed " + crashSeed);
            throw new IOException("Input/output error (simulated power loss at step " + steps + ")");
        }
        if (trace != null) {
            trace.add(steps + " " + what.get());
        }
        if (beforeStep != null) {
            beforeStep.accept(steps);
        }
    }

    private void crash(long seed, Damage damage, String note) {
        if (dead) {
            return;
        }
        dead = true;
        crashNote = note;
        Random r = new Random(seed);
        image = new SimDisk(survivor(root, r, damage, new IdentityHashMap<>()));
    }

    private static Node survivor(Node n, Random r, Damage d, IdentityHashMap<Node, Node> memo) {
        Node done = memo.get(n);
        if (done != null) {
            return done;
        }
        Node out = new Node(n.dir);
        memo.put(n, out);
        if (n.dir) {
            Map<String, Node> e = new HashMap<>(n.syncedEntries);
            int keep = switch (d) {
                case DROP_ALL -> 0;
                case KEEP_ALL -> n.dirPending.size();
                default -> r.nextInt(n.dirPending.size() + 1);
            };
            for (int i = 0; i < keep; i++) {
                DirOp op = n.dirPending.get(i);
                if (op.from() != null) {
                    e.remove(op.from());
                }
                if (op.node() == null) {
                    e.remove(op.name());
                } else {
                    e.put(op.name(), op.node());
                }
            }
            for (Map.Entry<String, Node> c : new TreeMap<>(e).entrySet()) {
                Node child = survivor(c.getValue(), r, d, memo);
                out.entries.put(c.getKey(), child);
            }
            out.syncedEntries = new HashMap<>(out.entries);
        } else {
            out.data = n.synced.clone();
            out.size = out.data.length;
            List<FileOp> ops = n.pending;
            switch (d) {
                case DROP_ALL -> { }
                case KEEP_ALL -> ops.forEach(op -> apply(out, op));
                case PREFIX_TORN -> {
                    int keep = r.nextInt(ops.size() + 1);
                    for (int i = 0; i < keep; i++) {
                        apply(out, ops.get(i));
                    }
                    if (keep < ops.size() && ops.get(keep).bytes() != null && r.nextBoolean()) {
                        tear(out, ops.get(keep), r);
                    }
                }
                case RANDOM -> {
                    for (FileOp op : ops) {
                        int c = r.nextInt(4);
                        if (c == 0) {
                            continue;
                        }
                        if (c == 3 && op.bytes() != null) {
                            tear(out, op, r);
                        } else {
                            apply(out, op);
                        }
                    }
                }
            }
            out.data = Arrays.copyOf(out.data, out.size);
            out.synced = out.data.clone();
        }
        return out;
    }

    private static void apply(Node n, FileOp op) {
        if (op.bytes() == null) {
            truncateNode(n, op.pos());
        } else {
            writeInto(n, op.pos(), op.bytes(), op.bytes().length);
        }
    }

    /** A write that reached the disk only up to a random byte; after the tear: nothing, zeros or garbage. */
    private static void tear(Node n, FileOp op, Random r) {
        byte[] b = op.bytes();
        int cut = r.nextInt(b.length + 1);
        writeInto(n, op.pos(), b, cut);
        int rest = b.length - cut;
        switch (r.nextInt(3)) {
            case 0 -> { }
            case 1 -> {
                long end = op.pos() + b.length;
                if (end > n.size) {
                    ensure(n, end);
                    n.size = (int) end;
                }
            }
            default -> {
                byte[] junk = new byte[rest];
                r.nextBytes(junk);
                byte[] tail = new byte[rest];
                System.arraycopy(junk, 0, tail, 0, rest);
                ensure(n, op.pos() + b.length);
                System.arraycopy(tail, 0, n.data, (int) op.pos() + cut, rest);
                n.size = (int) Math.max(n.size, op.pos() + b.length);
            }
        }
    }

    private static void ensure(Node n, long size) {
        if (size > n.data.length) {
            n.data = Arrays.copyOf(n.data, (int) Math.max(size, n.data.length * 2L));
        }
    }

    private static void writeInto(Node n, long pos, byte[] b, int len) {
        ensure(n, pos + len);
        System.arraycopy(b, 0, n.data, (int) pos, len);
        n.size = (int) Math.max(n.size, pos + len);
    }

    private static void truncateNode(Node n, long size) {
        if (size < n.size) {
            Arrays.fill(n.data, (int) size, n.size, (byte) 0);
            n.size = (int) size;
        }
    }

    // ---------------------------------------------------------------- paths

    private Node lookup(Path p) {
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("SimDisk needs absolute paths, not " + p);
        }
        Node n = root;
        for (Path part : p) {
            if (!n.dir) {
                return null;
            }
            n = n.entries.get(part.toString());
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private Node parentDir(Path p) throws IOException {
        Node d = lookup(p.getParent());
        if (d == null || !d.dir) {
            throw new NoSuchFileException(p.getParent().toString());
        }
        return d;
    }

    private Node file(Path p) throws IOException {
        Node n = lookup(p);
        if (n == null) {
            throw new NoSuchFileException(p.toString());
        }
        if (n.dir) {
            throw new IOException(p + ": Is a directory");
        }
        return n;
    }

    private void checkAlive() throws IOException {
        if (dead) {
            throw new IOException("Input/output error (the simulated machine lost power: " + crashNote + ")");
        }
    }

    // ---------------------------------------------------------------- Storage

    @Override
    public synchronized StorageFile open(Path file, boolean create) throws IOException {
        checkAlive();
        Node n = lookup(file);
        if (n == null) {
            if (!create) {
                throw new NoSuchFileException(file.toString());
            }
            Node d = parentDir(file);
            step(() -> "create " + file);
            n = new Node(false);
            String name = file.getFileName().toString();
            d.entries.put(name, n);
            d.dirPending.add(new DirOp(name, n, null));
        } else if (n.dir) {
            throw new IOException(file + ": Is a directory");
        }
        return new SimFile(n, file);
    }

    @Override
    public synchronized boolean exists(Path path) {
        return lookup(path) != null;
    }

    @Override
    public synchronized boolean isDirectory(Path path) {
        Node n = lookup(path);
        return n != null && n.dir;
    }

    @Override
    public synchronized long size(Path file) throws IOException {
        checkAlive();
        Node n = lookup(file);
        if (n == null) {
            throw new NoSuchFileException(file.toString());
        }
        return n.dir ? 0 : n.size;
    }

    @Override
    public synchronized List<String> list(Path dir) throws IOException {
        checkAlive();
        Node n = lookup(dir);
        if (n == null || !n.dir) {
            throw new NoSuchFileException(dir.toString());
        }
        return new ArrayList<>(n.entries.keySet());
    }

    @Override
    public synchronized void delete(Path path) throws IOException {
        checkAlive();
        Node n = lookup(path);
        if (n == null) {
            return;
        }
        if (n.dir && !n.entries.isEmpty()) {
            throw new DirectoryNotEmptyException(path.toString());
        }
        Node d = parentDir(path);
        step(() -> "delete " + path);
        String name = path.getFileName().toString();
        d.entries.remove(name);
        d.dirPending.add(new DirOp(name, null, null));
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        checkAlive();
        Node n = lookup(from);
        if (n == null) {
            throw new NoSuchFileException(from.toString());
        }
        if (!from.getParent().equals(to.getParent())) {
            throw new UnsupportedOperationException("SimDisk renames only within a directory: " + from + " -> " + to);
        }
        Node target = lookup(to);
        if (target != null && target.dir) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Node d = parentDir(from);
        step(() -> "rename " + from + " -> " + to.getFileName());
        String fn = from.getFileName().toString();
        String tn = to.getFileName().toString();
        d.entries.remove(fn);
        d.entries.put(tn, n);
        d.dirPending.add(new DirOp(tn, n, fn));
    }

    @Override
    public synchronized void createDirectories(Path dir) throws IOException {
        checkAlive();
        Node n = root;
        Path sofar = dir.getRoot();
        for (Path part : dir) {
            sofar = sofar.resolve(part);
            String name = part.toString();
            Node c = n.entries.get(name);
            if (c == null) {
                Path made = sofar;
                step(() -> "mkdir " + made);
                c = new Node(true);
                n.entries.put(name, c);
                n.dirPending.add(new DirOp(name, c, null));
            } else if (!c.dir) {
                throw new FileAlreadyExistsException(sofar.toString());
            }
            n = c;
        }
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        checkAlive();
        Node n = lookup(dir);
        if (n == null || !n.dir) {
            throw new NoSuchFileException(dir.toString());
        }
        step(() -> "fsync dir " + dir);
        n.syncedEntries = new HashMap<>(n.entries);
        n.dirPending.clear();
    }

    @Override
    public synchronized AutoCloseable lock(Path file) throws IOException {
        checkAlive();
        if (lookup(file) == null) {
            open(file, true).close();
        }
        if (!locks.add(file)) {
            throw new IOException(file + " is locked by another process");
        }
        return () -> {
            synchronized (SimDisk.this) {
                locks.remove(file);
            }
        };
    }

    @Override
    public long usableSpace(Path path) {
        return -1;
    }

    /** An open file: like a file descriptor, it keeps working on its inode after the name is deleted. */
    private final class SimFile implements StorageFile {
        final Node node;
        final Path path;
        boolean closed;

        SimFile(Node node, Path path) {
            this.node = node;
            this.path = path;
        }

        private void checkOpen() throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            checkAlive();
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            synchronized (SimDisk.this) {
                checkOpen();
                int len = src.remaining();
                step(() -> "write " + path.getFileName() + " @" + position + " +" + len);
                byte[] b = new byte[src.remaining()];
                src.get(b);
                writeInto(node, position, b, b.length);
                node.pending.add(new FileOp(position, b));
            }
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            synchronized (SimDisk.this) {
                checkOpen();
                if (position >= node.size) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), node.size - position);
                dst.put(node.data, (int) position, n);
                return n;
            }
        }

        @Override
        public long size() throws IOException {
            synchronized (SimDisk.this) {
                checkOpen();
                return node.size;
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            synchronized (SimDisk.this) {
                checkOpen();
                step(() -> "truncate " + path.getFileName() + " to " + size);
                truncateNode(node, size);
                node.pending.add(new FileOp(size, null));
            }
        }

        @Override
        public void force() throws IOException {
            synchronized (SimDisk.this) {
                checkOpen();
                step(() -> "fsync " + path.getFileName());
                // Only what was issued since the last fsync and not given up (dropDirty) becomes durable.
                Node tmp = new Node(false);
                tmp.data = node.synced.clone();
                tmp.size = tmp.data.length;
                for (FileOp op : node.pending) {
                    apply(tmp, op);
                }
                node.synced = Arrays.copyOf(tmp.data, tmp.size);
                node.pending.clear();
            }
        }

        @Override
        public void close() {
            synchronized (SimDisk.this) {
                closed = true;
            }
        }
    }
}
