package io.edgegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/** Small helpers shared by the benchmark cases: timed thread runs, directories, memory readings. */
final class Util {
    private Util() {
    }

    /** The body of one benchmark thread: loops until {@code run.stopped()}, publishing its count. */
    interface Body {
        void run(int thread, Run run) throws Exception;
    }

    /** Per-run state handed to each thread: the stop flag and a padded counter per thread. */
    static final class Run {
        private static final int STRIDE = 16;
        private final AtomicLongArray counts;
        private volatile boolean stop;

        Run(int threads) {
            counts = new AtomicLongArray(threads * STRIDE + STRIDE);
        }

        boolean stopped() {
            return stop;
        }

        /** Publishes how many records this thread has had acknowledged so far. */
        void count(int thread, long total) {
            counts.lazySet(thread * STRIDE, total);
        }

        long sum(int threads) {
            long s = 0;
            for (int i = 0; i < threads; i++) {
                s += counts.get(i * STRIDE);
            }
            return s;
        }
    }

    /** Result of a timed run: records acknowledged in the measured window and its length. */
    record Rate(long records, long nanos, long cpuNanos) {
        double perSecond() {
            return records * 1e9 / nanos;
        }

        /** CPU time of the whole process per record acknowledged in the window, in ns. */
        double cpuNanosPerRecord() {
            return records == 0 ? Double.NaN : (double) cpuNanos / records;
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Runs {@code threads} copies of {@code body}; after {@code warmupMs} it takes a first reading, after
     * {@code measureMs} more a second one; the rate is the difference. Threads are then stopped and joined.
     */
    static Rate timed(int threads, long warmupMs, long measureMs, Body body) throws Exception {
        Run run = new Run(threads);
        List<Thread> ts = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < threads; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                try {
                    body.run(id, run);
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                }
            }, "bench-" + i);
            ts.add(t);
        }
        for (Thread t : ts) {
            t.start();
        }
        Thread.sleep(warmupMs);
        long c0 = run.sum(threads);
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        Thread.sleep(measureMs);
        long c1 = run.sum(threads);
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        run.stop = true;
        for (Thread t : ts) {
            t.join();
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new RuntimeException("benchmark thread failed: " + failure[0], failure[0]);
            }
        }
        return new Rate(c1 - c0, t1 - t0, cpu1 - cpu0);
    }

    static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long treeSize(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of /proc/self/status (VmRSS, VmHWM, ...) in KiB, or -1. */
    static long procStatusKb(String pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use after a full collection, in bytes. */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
