package io.edgegateway.gateway.config;

import io.edgegateway.log.Durability;
import io.edgegateway.log.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code topics} section, a mapping from topic name to its storage settings, into the log's
 * {@link TopicConfig}s. Settings use config-file units ({@code retention: 7d}, {@code segment-bytes: 16MiB})
 * and default to the log's own defaults; the log's builder checks cross-setting rules and its message is
 * reported at the topic's name.
 */
final class TopicsReader {
    static final List<String> KEYS = List.of("partitions", "retention", "retention-bytes", "durability",
            "flush-interval", "flush-bytes", "priority", "segment-bytes", "segment-age", "max-record-bytes",
            "max-protected-bytes");
    private static final List<String> DURABILITIES = List.of("always", "interval", "os");
    private static final TopicConfig DEFAULTS = TopicConfig.builder("defaults").build();

    private final Problems problems;

    TopicsReader(Problems problems) {
        this.problems = problems;
    }

    List<TopicConfig> read(Section topics) {
        List<TopicConfig> out = new ArrayList<>();
        for (YamlNode.Entry e : topics.entries().values()) {
            String path = topics.path(e.key());
            if (!e.key().matches("[a-zA-Z0-9._-]{1,200}") || e.key().equals(".") || e.key().equals("..")) {
                problems.add(e.keyLocation(), path, "'" + e.key() + "' is not a valid topic name",
                        "use 1 to 200 of a-z A-Z 0-9 . _ - (topics map one to one to Kafka topics), e.g. sensors.environment");
                continue;
            }
            Section s = Section.of(e.value(), path, e.keyLocation(), problems, "partitions: 2");
            int before = problems.size();
            s.allowOnly(KEYS);
            TopicConfig.Builder b = TopicConfig.builder(e.key())
                    .partitions((int) s.integer("partitions", 1, 1024, DEFAULTS.partitions(), ""))
                    .retentionMs(s.duration("retention", DEFAULTS.retentionMs(), 1, "forever"))
                    .retentionBytes(s.size("retention-bytes", DEFAULTS.retentionBytes(), 4096, Long.MAX_VALUE, "unlimited"))
                    .durability(Durability.valueOf(s.choice("durability", DURABILITIES,
                            DEFAULTS.durability().name().toLowerCase(Locale.ROOT)).toUpperCase(Locale.ROOT)))
                    .flushIntervalMs(s.duration("flush-interval", DEFAULTS.flushIntervalMs(), 1, null))
                    .flushIntervalBytes(s.size("flush-bytes", DEFAULTS.flushIntervalBytes(), 1, Long.MAX_VALUE, "none"))
                    .priority((int) s.integer("priority", -1000, 1000, DEFAULTS.priority(), ""))
                    .segmentBytes(s.size("segment-bytes", DEFAULTS.segmentBytes(), 4096, Integer.MAX_VALUE, null))
                    .segmentMs(s.duration("segment-age", DEFAULTS.segmentMs(), 1, null))
                    .maxProtectedBytes(s.size("max-protected-bytes", DEFAULTS.maxProtectedBytes(), 0, Long.MAX_VALUE, null));
            if (s.entry("max-record-bytes").isPresent()) {
                b.maxRecordBytes((int) s.size("max-record-bytes", 1 << 20, 64, 64 << 20, null));
            }
            if (problems.size() > before) {
                continue;
            }
            try {
                out.add(b.build());
            } catch (IllegalArgumentException ex) {
                problems.add(e.keyLocation(), path, ex.getMessage(),
                        "make max-record-bytes smaller than segment-bytes minus 56 bytes of batch header");
            }
        }
        return out;
    }
}
