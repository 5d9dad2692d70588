package io.edgegateway.uplink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The uplink's settings, parsed once from a flat string map (the {@code uplink:} section of gateway.yaml)
 * into typed, immutable values. {@link #KEYS} declares every key with its default and unit; the web page's
 * form is built from the same list. Keys starting with {@code kafka.} are passed, without the prefix, to
 * every Kafka client the uplink creates (producer, consumer, admin), so SASL_SSL, SCRAM, mTLS or OAuth work
 * without code here; their values may be secret references ({@code ${file:/path}}, {@code ${env:NAME}},
 * see {@link SecretResolver}). Secrets never leave this class in clear text through {@link #toString()}
 * or {@link #maskedKafkaProperties()}. A bad value is rejected with a message naming the key.
 */
public final class UplinkOptions {

    /** One declared key: its name, its default ({@code null} if required) and what it means. */
    public record Key(String name, String defaultValue, String description) {
    }

    public static final List<Key> KEYS = List.of(
            new Key("gateway.id", null, "this gateway's id; letters, digits, . _ -; part of the transactional.id and of every offsets key"),
            new Key("topics", null, "comma-separated local topics to forward"),
            new Key("mode", "exactly-once", "exactly-once or at-least-once"),
            new Key("central.topic", "edge.${topic}", "central topic name; ${topic} and ${gateway} are replaced; without ${topic} all topics share one central topic"),
            new Key("offsets.topic", "edge.uplink.offsets", "compacted central topic holding the forwarded positions (exactly-once)"),
            new Key("offsets.topic.partitions", "3", "partitions of the offsets topic if the uplink creates it"),
            new Key("offsets.topic.replication.factor", "-1", "replication factor of the offsets topic if the uplink creates it; -1 = broker default"),
            new Key("create.topics", "false", "create missing central topics (same partition count as the local topic) instead of pausing them"),
            new Key("create.topics.replication.factor", "-1", "replication factor of central topics the uplink creates; -1 = broker default"),
            new Key("cursor.name", "uplink", "name of the local cursors the uplink keeps"),
            new Key("transactional.id.prefix", "edge-uplink", "prefix of the transactional.id, followed by the gateway id and the partition set"),
            new Key("batch.max.records", "50000", "most events in one transaction (or acked batch)"),
            new Key("batch.max.bytes", "16777216", "most bytes (keys, values, headers) in one transaction; batches start smaller and grow to what the link sends in about five seconds"),
            new Key("poll.wait.ms", "100", "ms the forwarder waits for new local events when none are ready"),
            new Key("durable.wait.ms", "1000", "only events the local log has fsynced are forwarded; events stored but not yet fsynced for this long make the forwarder ask the log to fsync now; 0 = never ask (wait for the topic's own durability policy)"),
            new Key("compression", "lz4", "none, gzip, snappy, lz4 or zstd"),
            new Key("bandwidth.bytes.per.second", "0", "cap on forwarded bytes per second; 0 = no cap"),
            new Key("daily.budget.bytes", "0", "most bytes forwarded per UTC day; 0 = no budget"),
            new Key("backoff.initial.ms", "200", "first retry delay after a failure"),
            new Key("backoff.max.ms", "30000", "longest retry delay; the delay doubles up to it, with jitter"),
            new Key("probe.interval.ms", "1000", "while not online, how often the cluster is probed so forwarding resumes as soon as it answers"),
            new Key("offline.after.ms", "15000", "failures for this long turn degraded into offline"),
            new Key("stall.timeout.ms", "60000", "online with a backlog but nothing committed for this long: stall, rebuild the producer"),
            new Key("paused.retry.ms", "30000", "how often a topic paused by a topic error is retried"),
            new Key("fenced.retry.ms", "60000", "after another process with the same gateway id and topics fenced this one, wait this long before taking over again"),
            new Key("operation.timeout.ms", "30000", "longest wait for one Kafka admin or consumer operation"),
            new Key("kafka.*", null, "any Kafka client property (bootstrap.servers is required); values may be ${file:...} or ${env:...}"));

    /** Client properties the uplink sets itself; passing them would break its promise. */
    static final Set<String> RESERVED_KAFKA = Set.of("transactional.id", "enable.idempotence", "isolation.level",
            "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "enable.auto.commit",
            "group.id", "acks", "compression.type", "partitioner.class");

    static final Pattern ID = Pattern.compile("[a-zA-Z0-9._-]{1,100}");
    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(password|secret|jaas|token|credential|\\.key$|keystore\\.key|certificate\\.chain).*");

    private final String gatewayId;
    private final List<String> topics;
    private final DeliveryMode mode;
    private final String centralTopic;
    private final String offsetsTopic;
    private final int offsetsTopicPartitions;
    private final short offsetsTopicReplicationFactor;
    private final boolean createTopics;
    private final short createTopicsReplicationFactor;
    private final String cursorName;
    private final String transactionalIdPrefix;
    private final int batchMaxRecords;
    private final int batchMaxBytes;
    private final long pollWaitMs;
    private final long durableWaitMs;
    private final String compression;
    private final long bandwidthBytesPerSecond;
    private final long dailyBudgetBytes;
    private final long backoffInitialMs;
    private final long backoffMaxMs;
    private final long probeIntervalMs;
    private final long offlineAfterMs;
    private final long stallTimeoutMs;
    private final long pausedRetryMs;
    private final long fencedRetryMs;
    private final long operationTimeoutMs;
    private final Map<String, String> kafka;
    private final Set<String> secretKafkaKeys;

    private UplinkOptions(Parser p) {
        gatewayId = p.id("gateway.id");
        topics = p.topics("topics");
        mode = DeliveryMode.parse("mode", p.string("mode"));
        centralTopic = p.centralTopic("central.topic");
        offsetsTopic = p.topicName("offsets.topic");
        offsetsTopicPartitions = (int) p.number("offsets.topic.partitions", 1, 1000);
        offsetsTopicReplicationFactor = p.replication("offsets.topic.replication.factor");
        createTopics = p.bool("create.topics");
        createTopicsReplicationFactor = p.replication("create.topics.replication.factor");
        cursorName = p.id("cursor.name");
        transactionalIdPrefix = p.id("transactional.id.prefix");
        batchMaxRecords = (int) p.number("batch.max.records", 1, 1_000_000);
        batchMaxBytes = (int) p.number("batch.max.bytes", 1024, 256L << 20);
        pollWaitMs = p.number("poll.wait.ms", 1, 60_000);
        durableWaitMs = p.number("durable.wait.ms", 0, 86_400_000);
        compression = p.oneOf("compression", List.of("none", "gzip", "snappy", "lz4", "zstd"));
        bandwidthBytesPerSecond = p.number("bandwidth.bytes.per.second", 0, Long.MAX_VALUE);
        dailyBudgetBytes = p.number("daily.budget.bytes", 0, Long.MAX_VALUE);
        backoffInitialMs = p.number("backoff.initial.ms", 1, 3_600_000);
        backoffMaxMs = p.number("backoff.max.ms", backoffInitialMs, 3_600_000);
        probeIntervalMs = p.number("probe.interval.ms", 50, 600_000);
        offlineAfterMs = p.number("offline.after.ms", 0, 3_600_000);
        stallTimeoutMs = p.number("stall.timeout.ms", 100, 86_400_000);
        pausedRetryMs = p.number("paused.retry.ms", 100, 86_400_000);
        fencedRetryMs = p.number("fenced.retry.ms", 100, 86_400_000);
        operationTimeoutMs = p.number("operation.timeout.ms", 100, 3_600_000);
        kafka = p.kafka();
        secretKafkaKeys = p.secretKafkaKeys;
        if (!kafka.containsKey("bootstrap.servers") || kafka.get("bootstrap.servers").isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers is required (host:port of the central cluster)");
        }
        if (mode == DeliveryMode.EXACTLY_ONCE && offsetsTopic.equals(centralTopic)) {
            throw new IllegalArgumentException("offsets.topic='" + offsetsTopic + "' must differ from central.topic");
        }
    }

    /** Parses with secret references resolved from the process environment and the file system. */
    public static UplinkOptions parse(Map<String, String> raw) {
        return parse(raw, SecretResolver.system());
    }

    static UplinkOptions parse(Map<String, String> raw, SecretResolver secrets) {
        return new UplinkOptions(new Parser(raw, secrets));
    }

    public String gatewayId() { return gatewayId; }
    /** The local topics to forward, in configuration order. */
    public List<String> topics() { return topics; }
    public DeliveryMode mode() { return mode; }
    /** The central topic template ({@code ${topic}}, {@code ${gateway}} placeholders). */
    public String centralTopic() { return centralTopic; }
    public String offsetsTopic() { return offsetsTopic; }
    public int offsetsTopicPartitions() { return offsetsTopicPartitions; }
    public short offsetsTopicReplicationFactor() { return offsetsTopicReplicationFactor; }
    public boolean createTopics() { return createTopics; }
    public short createTopicsReplicationFactor() { return createTopicsReplicationFactor; }
    public String cursorName() { return cursorName; }
    public String transactionalIdPrefix() { return transactionalIdPrefix; }
    public int batchMaxRecords() { return batchMaxRecords; }
    public int batchMaxBytes() { return batchMaxBytes; }
    public long pollWaitMs() { return pollWaitMs; }
    /** 0 means forwarding never asks the local log to fsync. */
    public long durableWaitMs() { return durableWaitMs; }
    /** A Kafka {@code compression.type}. */
    public String compression() { return compression; }
    /** 0 means no cap. */
    public long bandwidthBytesPerSecond() { return bandwidthBytesPerSecond; }
    /** 0 means no budget. */
    public long dailyBudgetBytes() { return dailyBudgetBytes; }
    public long backoffInitialMs() { return backoffInitialMs; }
    public long backoffMaxMs() { return backoffMaxMs; }
    public long probeIntervalMs() { return probeIntervalMs; }
    public long offlineAfterMs() { return offlineAfterMs; }
    public long stallTimeoutMs() { return stallTimeoutMs; }
    public long pausedRetryMs() { return pausedRetryMs; }
    public long fencedRetryMs() { return fencedRetryMs; }
    public long operationTimeoutMs() { return operationTimeoutMs; }

    /** The Kafka client properties with secrets resolved; for building clients only, never for display. */
    Map<String, String> kafkaProperties() {
        return kafka;
    }

    /** The Kafka client properties for display: every secret (by key name or by reference) is {@code [hidden]}. */
    public Map<String, String> maskedKafkaProperties() {
        Map<String, String> m = new TreeMap<>();
        kafka.forEach((k, v) -> m.put(k, secretKafkaKeys.contains(k) ? "[hidden]" : v));
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "UplinkOptions[gateway.id=" + gatewayId + ", topics=" + topics + ", mode=" + mode.configName()
                + ", central.topic=" + centralTopic + ", offsets.topic=" + offsetsTopic + ", compression=" + compression
                + ", bandwidth.bytes.per.second=" + bandwidthBytesPerSecond + ", daily.budget.bytes=" + dailyBudgetBytes
                + ", kafka=" + maskedKafkaProperties() + "]";
    }

    /** Reads raw values, applying defaults and naming the key in every error. */
    private static final class Parser {
        private final Map<String, String> raw;
        private final SecretResolver secrets;
        private final Map<String, String> defaults = new LinkedHashMap<>();
        final Set<String> secretKafkaKeys = new LinkedHashSet<>();

        Parser(Map<String, String> raw, SecretResolver secrets) {
            this.raw = raw;
            this.secrets = secrets;
            for (Key k : KEYS) {
                if (!k.name().endsWith("*")) {
                    defaults.put(k.name(), k.defaultValue());
                }
            }
            List<String> unknown = new ArrayList<>();
            for (String k : raw.keySet()) {
                if (!defaults.containsKey(k) && !k.startsWith("kafka.")) {
                    unknown.add(k);
                }
            }
            if (!unknown.isEmpty()) {
                Collections.sort(unknown);
                throw new IllegalArgumentException("unknown uplink option(s) " + unknown + "; known: " + defaults.keySet()
                        + " and kafka.*");
            }
        }

        String string(String key) {
            String v = raw.get(key);
            if (v == null || v.isBlank()) {
                v = defaults.get(key);
            }
            if (v == null) {
                throw new IllegalArgumentException(key + " is required");
            }
            return v.trim();
        }

        String id(String key) {
            String v = string(key);
            if (!ID.matcher(v).matches()) {
                throw new IllegalArgumentException(key + "='" + v + "' must be 1 to 100 of a-z A-Z 0-9 . _ -");
            }
            return v;
        }

        String topicName(String key) {
            String v = string(key);
            if (!v.matches("[a-zA-Z0-9._-]{1,249}") || v.equals(".") || v.equals("..")) {
                throw new IllegalArgumentException(key + "='" + v + "' is not a valid Kafka topic name");
            }
            return v;
        }

        String centralTopic(String key) {
            String v = string(key);
            String probe = v.replace("${topic}", "t").replace("${gateway}", "g");
            if (!probe.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw new IllegalArgumentException(key + "='" + v
                        + "' must give a valid Kafka topic name; only ${topic} and ${gateway} are replaced");
            }
            return v;
        }

        List<String> topics(String key) {
            List<String> out = new ArrayList<>();
            for (String t : string(key).split(",")) {
                String s = t.trim();
                if (s.isEmpty()) {
                    continue;
                }
                if (!s.matches("[a-zA-Z0-9._-]{1,200}")) {
                    throw new IllegalArgumentException(key + ": '" + s + "' is not a valid local topic name");
                }
                if (out.contains(s)) {
                    throw new IllegalArgumentException(key + ": topic '" + s + "' is listed twice");
                }
                out.add(s);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(key + " must name at least one local topic");
            }
            return List.copyOf(out);
        }

        long number(String key, long min, long max) {
            String v = string(key);
            long n;
            try {
                n = Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "='" + v + "' is not a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + "=" + n + " must be between " + min + " and " + max);
            }
            return n;
        }

        short replication(String key) {
            long n = number(key, -1, Short.MAX_VALUE);
            if (n == 0) {
                throw new IllegalArgumentException(key + "=0 must be -1 (broker default) or >= 1");
            }
            return (short) n;
        }

        boolean bool(String key) {
            String v = string(key).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(key + "='" + v + "' must be true or false");
            }
            return Boolean.parseBoolean(v);
        }

        String oneOf(String key, List<String> allowed) {
            String v = string(key).toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException(key + "='" + v + "' must be one of " + allowed);
            }
            return v;
        }

        Map<String, String> kafka() {
            Map<String, String> out = new TreeMap<>();
            for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
                if (!e.getKey().startsWith("kafka.")) {
                    continue;
                }
                String prop = e.getKey().substring("kafka.".length());
                if (prop.isEmpty()) {
                    throw new IllegalArgumentException("'kafka.' needs a Kafka client property after the dot");
                }
                if (RESERVED_KAFKA.contains(prop)) {
                    throw new IllegalArgumentException(e.getKey() + " is set by the uplink itself (mode, compression"
                            + " and delivery depend on it); remove it");
                }
                String value = e.getValue() == null ? "" : e.getValue();
                if (SecretResolver.isReference(value) || SECRET_KEY.matcher(prop).matches()) {
                    secretKafkaKeys.add(prop);
                }
                out.put(prop, secrets.resolve(e.getKey(), value));
            }
            return Collections.unmodifiableMap(out);
        }
    }
}
