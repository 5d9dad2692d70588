package io.edgegateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the results files of one run and prints the table (Markdown) and the targets. */
final class Report {
    /** All rounds of one case. */
    static final class Row {
        final String id;
        final List<Double> values = new ArrayList<>();
        final List<Double> bytesPerFsync = new ArrayList<>();
        final List<Double> bytesPerRecord = new ArrayList<>();
        String unit;
        String note;

        Row(String id) {
            this.id = id;
        }

        double median() {
            return Util.median(values);
        }

        double min() {
            return values.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
        }

        double max() {
            return values.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final StringBuilder sb = new StringBuilder();

    Report(List<Path> files) throws IOException {
        for (Path f : files) {
            if (!Files.exists(f)) {
                continue;
            }
            for (String line : Files.readAllLines(f)) {
                String[] p = line.split("\t", -1);
                if (p.length < 7) {
                    continue;
                }
                Row r = rows.computeIfAbsent(p[0], Row::new);
                r.values.add(Double.parseDouble(p[2]));
                r.unit = p[3];
                r.bytesPerRecord.add(Double.parseDouble(p[4]));
                r.bytesPerFsync.add(Double.parseDouble(p[5]));
                r.note = p[6];
            }
        }
    }

    private double med(String id) {
        Row r = rows.get(id);
        return r == null ? Double.NaN : r.median();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "";
        }
        double x = a / b;
        return x >= 10 ? String.format(Locale.ROOT, "%.0f×", x) : String.format(Locale.ROOT, "%.2f×", x);
    }

    private static int valueSize(String s) {
        return s.equals("1KiB") ? 1024 : 100;
    }

    /** The better of the lock and hand-off calibration writers at 4 threads. */
    private String bestCal(String size, String sync) {
        String lock = "cal/" + size + "/lock/" + sync + "/t4";
        String hand = "cal/" + size + "/handoff/" + sync + "/t4";
        return med(lock) >= med(hand) || Double.isNaN(med(hand)) ? lock : hand;
    }

    private void line(String... cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    String render() {
        sb.append("| row | API | thr | value | rec/s (median) | min – max | payload MB/s | rec/fsync | vs calibration | vs raw write+force | vs Kafka acks=1 |\n");
        sb.append("| --- | --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows.values()) {
            if (!r.unit.equals("rec/s")) {
                continue;
            }
            String[] p = r.id.split("/");
            String kind = p[0];
            String size = kind.equals("read") ? p[2] : p[1];
            int vs = valueSize(size);
            double m = r.median();
            double mbs = m * vs / 1e6;
            String rpf = "";
            String vsCal = "";
            String vsRaw = "";
            String vsKafka = "";
            String name;
            String api;
            String thr = p[p.length - 1].substring(1);
            switch (kind) {
                case "cal" -> {
                    name = "calibration writer, " + (p[2].equals("single") ? "1 thread" : p[2].equals("lock") ? "4 threads through a lock"
                            : "4 threads, hand-off to 1 writer") + (p[3].equals("nosync") ? ", no fsync" : ", fsync per 1,000 records");
                    api = "–";
                    if (p[3].equals("sync1000")) {
                        rpf = "1000";
                    }
                }
                case "log", "raw" -> {
                    String policy = p[2];
                    api = kind.equals("raw") ? "–" : p[3].equals("batch") ? "appendBatch×" + LogBench.BATCH
                            : p[3].equals("async") ? "appendAsync" : "append";
                    double bpf = Util.median(r.bytesPerFsync);
                    double bpr = Util.median(r.bytesPerRecord);
                    if (bpf > 0 && bpr > 0 && !policy.equals("os")) {
                        rpf = String.format(Locale.ROOT, "%.0f", bpf / bpr);
                    }
                    String pol = policy.equals("interval-1k") ? "interval, flushIntervalBytes≈1,000 records" : policy
                            .equals("interval") ? "interval (200 ms, no byte limit)" : policy;
                    if (kind.equals("raw")) {
                        name = "raw FileChannel write" + (bpf > 0 ? "+force, same bytes/fsync as the local-log row above" : ", no fsync")
                                + " (" + Math.round(bpr) + " B records)";
                        api = "(" + pol + ", " + (p[3].equals("batch") ? "batch" : p[3]) + ")";
                        thr = "1";
                    } else {
                        name = "local-log, " + pol;
                        String cal = null;
                        if (policy.equals("interval-1k")) {
                            cal = bestCal(size, "sync1000");
                        } else if (!policy.equals("always")) {
                            cal = p[4].equals("t1") ? "cal/" + size + "/single/nosync/t1" : bestCal(size, "nosync");
                        }
                        if (cal != null) {
                            vsCal = ratio(m, med(cal)) + (cal.contains("lock") ? " (lock)" : cal.contains("handoff") ? " (hand-off)" : " (1 thr)");
                        }
                        vsRaw = ratio(m, med("raw/" + r.id.substring(4)));
                        vsKafka = ratio(m, med("kafka/" + size + "/acks1/t1"));
                    }
                }
                case "sqlite" -> {
                    name = "SQLite (sqlite-jdbc), WAL, synchronous=" + p[2].toUpperCase() + ", " + p[3].substring(2) + " rows/tx";
                    api = "INSERT + commit";
                    rpf = p[3].substring(2);
                }
                case "kafka" -> {
                    name = "Kafka " + "4.3.1 broker (KRaft, loopback), producer acks=" + p[2].substring(4);
                    api = "send()";
                }
                case "read" -> {
                    name = "sequential read: " + switch (p[1]) {
                        case "log" -> "local-log LogReader.poll(4096), CRC checked";
                        case "cal" -> "calibration file, CRC checked";
                        case "sqlite" -> "SQLite SELECT in id order";
                        default -> "Kafka consumer";
                    };
                    api = "–";
                    if (p[1].equals("log")) {
                        vsCal = ratio(m, med("read/cal/" + size + "/t1"));
                        vsKafka = ratio(m, med("read/kafka/" + size + "/t1"));
                    }
                }
                default -> {
                    name = r.id;
                    api = "";
                }
            }
            line(name, api, thr, size, num(m), num(r.min()) + " – " + num(r.max()),
                    String.format(Locale.ROOT, "%.0f", mbs), rpf, vsCal, vsRaw, vsKafka);
        }
        for (Row r : rows.values()) {
            if (r.unit.equals("rec/s")) {
                continue;
            }
            String v = r.values.size() > 1
                    ? String.format(Locale.ROOT, "%.0f %s", r.median(), r.unit)
                    : String.format(Locale.ROOT, "%.1f %s", r.median(), r.unit);
            String range = r.values.size() > 1 ? String.format(Locale.ROOT, "%.0f – %.0f", r.min(), r.max()) : "";
            line(r.id, "–", "", "", v, range, "", "", "", "", r.note);
        }
        sb.append('\n');
        targets();
        return sb.toString();
    }

    private void target(String what, double value, double limit, boolean atLeast, String detail) {
        boolean ok = !Double.isNaN(value) && (atLeast ? value >= limit : value < limit);
        sb.append(String.format(Locale.ROOT, "- [%s] %s: %s%n", Double.isNaN(value) ? "not measured" : ok ? "met" : "MISSED",
                what, detail));
    }

    private double bestOf(String... ids) {
        double best = Double.NaN;
        for (String id : ids) {
            double v = med(id);
            if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
                best = v;
            }
        }
        return best;
    }

    private void targets() {
        sb.append("Targets (ratios of medians from this run):\n\n");
        double calBest = med(bestCal("100B", "nosync"));
        double kafka = med("kafka/100B/acks1/t1");
        for (String pol : new String[] {"os", "interval"}) {
            double async = med("log/100B/" + pol + "/async/t4");
            double batch = med("log/100B/" + pol + "/batch/t4");
            double best = bestOf("log/100B/" + pol + "/async/t4", "log/100B/" + pol + "/batch/t4");
            target(pol + ", 100 B, 4 appenders >= 50% of the calibration writer", best / calBest, 0.5, true,
                    String.format(Locale.ROOT, "appendAsync %s, appendBatch %s vs calibration %s (%s) = %s / %s; blocking append %s",
                            num(async), num(batch), num(calBest), bestCal("100B", "nosync").contains("lock") ? "lock" : "hand-off",
                            ratio(async, calBest), ratio(batch, calBest), ratio(med("log/100B/" + pol + "/blocking/t4"), calBest)));
            target(pol + ", 100 B, 4 appenders >= 5x the Kafka broker", best / kafka, 5, true,
                    String.format(Locale.ROOT, "best %s vs Kafka acks=1 %s = %s", num(best), num(kafka), ratio(best, kafka)));
        }
        double cal1k = med(bestCal("100B", "sync1000"));
        double i1k = bestOf("log/100B/interval-1k/async/t4", "log/100B/interval-1k/batch/t4");
        Row rr = rows.get("log/100B/interval-1k/async/t4");
        target("interval, fsync per ~1,000 records, 100 B, 4 appenders >= 70% of the calibration writer with an fsync per 1,000",
                i1k / cal1k, 0.7, true, String.format(Locale.ROOT, "best %s vs %s = %s (records per fsync, appendAsync row: %s)",
                        num(i1k), num(cal1k), ratio(i1k, cal1k), rr == null ? "?" : rr.note));
        for (String s : new String[] {"100B", "1KiB"}) {
            double a16 = med("log/" + s + "/always/async/t16");
            double b16 = med("log/" + s + "/always/batch/t16");
            double r16a = med("raw/" + s + "/always/async/t16");
            double r16b = med("raw/" + s + "/always/batch/t16");
            double best = Double.isNaN(a16 / r16a) && Double.isNaN(b16 / r16b) ? Double.NaN
                    : Math.max(nz(a16 / r16a), nz(b16 / r16b));
            target("always, " + s + ", 16 appenders >= 50% of raw write+force at the same bytes per fsync", best, 0.5, true,
                    String.format(Locale.ROOT, "appendAsync %s vs raw %s = %s; appendBatch %s vs raw %s = %s; blocking %s",
                            num(a16), num(r16a), ratio(a16, r16a), num(b16), num(r16b), ratio(b16, r16b),
                            ratio(med("log/" + s + "/always/blocking/t16"), med("raw/" + s + "/always/blocking/t16"))));
        }
        for (String k : new String[] {"warm", "cold"}) {
            Row r = rows.get("recovery/1GiB/" + k);
            target("recovery of a 1 GiB log after kill -9 < 2 s (" + k + " page cache)", r == null ? Double.NaN : r.median(),
                    2000, false, r == null ? "" : String.format(Locale.ROOT, "median %.0f ms (%.0f – %.0f)", r.median(), r.min(), r.max()));
        }
        Row h64 = rows.get("mem/heap-after-gc/10x4/64MiB");
        Row h1g = rows.get("mem/heap-after-gc/10x4/1024MiB");
        Row need = rows.get("mem/heap-needed/10x4/256MiB");
        if (h64 != null && h1g != null) {
            double d = h1g.median() - h64.median();
            target("heap independent of log size (10 topics x 4 partitions)", Math.abs(d), 4, false, String.format(Locale.ROOT,
                    "heap after GC %.1f MiB with 64 MiB stored, %.1f MiB with 1 GiB stored; runs in -Xmx%.0fm", h64.median(),
                    h1g.median(), need == null ? Double.NaN : need.median()));
        }
        Row rss = rows.get("mem/log-process/VmRSS");
        Row hwm = rows.get("mem/log-process/VmHWM");
        if (rss != null) {
            target("resident memory of the benchmark (log) process < 80 MB", Math.max(rss.median(), hwm == null ? 0 : hwm.median())
                    * 1.048576, 80, false, String.format(Locale.ROOT, "VmRSS %.1f MiB at the end, VmHWM (peak) %.1f MiB",
                            rss.median(), hwm == null ? Double.NaN : hwm.median()));
        }
    }

    private static double nz(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
