package io.edgegateway.gateway;

import io.edgegateway.log.Cursor;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogReader;
import io.edgegateway.log.PartitionInfo;
import io.edgegateway.log.StoredRecord;
import io.edgegateway.log.TopicConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edge-gateway log ...}: look at what a gateway has stored, like Kafka's console tools. The log is
 * opened read-only, so it is safe on a running gateway's data directory: nothing is cut or written.
 */
@Command(name = "log", description = "Inspect a log directory (read-only; safe while the gateway runs).",
        subcommands = {LogCommand.Topics.class, LogCommand.Dump.class, LogCommand.Tail.class, LogCommand.Cursors.class})
final class LogCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: topics, dump, tail or cursors");
    }

    /** What every log subcommand shares: the data directory option and the command's output. */
    static class DataDir {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data-dir", defaultValue = "data", description = "Log directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "topics", description = "List topics with partitions, policy, offsets and sizes.")
    static final class Topics extends DataDir implements Callable<Integer> {
        @Override
        public Integer call() {
            PrintWriter out = out();
            try (LocalLog log = LocalLog.openReadOnly(dataDir)) {
                out.printf("%-28s %4s %-9s %8s %12s %12s %14s %5s%n", "TOPIC", "PART", "POLICY", "PRIORITY",
                        "START", "END", "BYTES", "SEGS");
                for (Map.Entry<String, TopicConfig> e : log.topics().entrySet()) {
                    for (PartitionInfo p : log.partitions(e.getKey())) {
                        out.printf("%-28s %4d %-9s %8d %12d %12d %14d %5d%n", e.getKey(), p.partition(),
                                e.getValue().durability().name().toLowerCase(), e.getValue().priority(), p.startOffset(),
                                p.endOffset(), p.sizeBytes(), p.segmentCount());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    /** Options of the commands that print records. */
    static class RecordsOptions extends DataDir {
        @Parameters(index = "0", description = "Topic to read.")
        String topic;

        @Option(names = {"-p", "--partition"}, description = "Only this partition (default: all).")
        Integer partition;

        @Option(names = "--from", defaultValue = "0", description = "First offset (default: ${DEFAULT-VALUE}).")
        long from;

        @Option(names = {"-n", "--max"}, defaultValue = "100", description = "At most this many records per partition (default: ${DEFAULT-VALUE}).")
        int max;

        void print(PrintWriter out, StoredRecord r) {
            out.println(RecordFormat.line(r));
        }
    }

    @Command(name = "dump", description = "Print stored records of a topic.")
    static final class Dump extends RecordsOptions implements Callable<Integer> {
        @Override
        public Integer call() {
            PrintWriter out = out();
            try (LocalLog log = LocalLog.openReadOnly(dataDir)) {
                int n = log.topicConfig(topic).partitions();
                for (int p = 0; p < n; p++) {
                    if (partition != null && partition != p) {
                        continue;
                    }
                    try (LogReader reader = log.reader(topic, p, from)) {
                        int left = max;
                        while (left > 0) {
                            List<StoredRecord> got = reader.poll(Math.min(left, 500), Duration.ZERO);
                            if (got.isEmpty()) {
                                break;
                            }
                            got.forEach(r -> print(out, r));
                            left -= got.size();
                        }
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "tail", description = "Print the last records of a topic, and with -f follow new ones.")
    static final class Tail extends RecordsOptions implements Callable<Integer> {
        @Option(names = {"-f", "--follow"}, description = "Keep printing records as they arrive (Ctrl-C ends).")
        boolean follow;

        @Option(names = "--last", defaultValue = "10", description = "Start this many records before the end of each partition (default: ${DEFAULT-VALUE}).")
        int last;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = out();
            long[] next;
            try (LocalLog log = LocalLog.openReadOnly(dataDir)) {
                int n = log.topicConfig(topic).partitions();
                next = new long[n];
                for (int p = 0; p < n; p++) {
                    PartitionInfo info = log.partitionInfo(topic, p);
                    next[p] = Math.max(info.startOffset(), info.endOffset() - last);
                }
            }
            do {
                // A read-only view is a snapshot; reopening it picks up what the gateway wrote since.
                try (LocalLog log = LocalLog.openReadOnly(dataDir)) {
                    for (int p = 0; p < next.length; p++) {
                        if (partition != null && partition != p) {
                            continue;
                        }
                        try (LogReader reader = log.reader(topic, p, next[p])) {
                            List<StoredRecord> got;
                            while (!(got = reader.poll(500, Duration.ZERO)).isEmpty()) {
                                got.forEach(r -> print(out, r));
                            }
                            next[p] = reader.position();
                        }
                    }
                }
                out.flush();
                if (follow) {
                    Thread.sleep(1000);
                }
            } while (follow);
            return 0;
        }
    }

    @Command(name = "cursors", description = "List durable cursors with their positions and lag.")
    static final class Cursors extends DataDir implements Callable<Integer> {
        @Override
        public Integer call() {
            PrintWriter out = out();
            try (LocalLog log = LocalLog.openReadOnly(dataDir)) {
                out.printf("%-20s %-28s %4s %12s %12s %10s%n", "CURSOR", "TOPIC", "PART", "POSITION", "END", "LAG");
                for (Cursor c : log.cursors().values()) {
                    for (Map.Entry<Integer, Long> e : c.positions().entrySet()) {
                        long end = log.partitionInfo(c.topic(), e.getKey()).endOffset();
                        out.printf("%-20s %-28s %4d %12d %12d %10d%n", c.name(), c.topic(), e.getKey(), e.getValue(), end,
                                Math.max(0, end - e.getValue()));
                    }
                }
            }
            out.flush();
            return 0;
        }
    }
}
