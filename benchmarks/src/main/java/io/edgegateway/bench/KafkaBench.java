package io.edgegateway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller, {@code kafka.Kafka} from the
 * Maven Central jars) in a child JVM on 127.0.0.1, started and stopped by the harness, and a producer and
 * a consumer in this JVM. The broker gets Kafka's own default heap settings (-Xms1g -Xmx1g, G1), so it is
 * not held back by memory; it does not fsync (Kafka's default, it relies on replicas).
 */
final class KafkaBench implements AutoCloseable {
    static final int PARTITIONS = 4;
    private final Path dir;
    private final Process broker;
    final String bootstrap;

    private KafkaBench(Path dir, Process broker, String bootstrap) {
        this.dir = dir;
        this.broker = broker;
        this.bootstrap = bootstrap;
    }

    static KafkaBench start(Path dir, String java, String brokerClasspath) throws Exception {
        Util.deleteTree(dir);
        Files.createDirectories(dir);
        int port = freePort();
        int cport = freePort();
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + cport,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + cport,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false", ""));
        Process fmt = new ProcessBuilder(java, "-cp", brokerClasspath, "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", props.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!fmt.waitFor(120, TimeUnit.SECONDS) || fmt.exitValue() != 0) {
            throw new IllegalStateException("kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-cp", brokerClasspath, "kafka.Kafka",
                props.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
        String bs = "127.0.0.1:" + port;
        KafkaBench k = new KafkaBench(dir, p, bs);
        try (Admin a = Admin.create(Map.of("bootstrap.servers", bs, "request.timeout.ms", "2000",
                "default.api.timeout.ms", "5000"))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try {
                    if (!a.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        break;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline || !p.isAlive()) {
                        k.close();
                        throw new IllegalStateException("kafka broker did not start; see " + dir.resolve("broker.log"), e);
                    }
                    Thread.sleep(100);
                }
            }
            System.out.printf("  kafka broker ready on %s in %.1f s (pid %d)%n", bs, (System.nanoTime() - t0) / 1e9, p.pid());
            List<NewTopic> topics = new ArrayList<>();
            for (int size : LogProcess.SIZES) {
                topics.add(new NewTopic(topic(size), PARTITIONS, (short) 1));
            }
            a.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        return k;
    }

    static String topic(int valueSize) {
        return "bench-" + LogBench.sizeName(valueSize);
    }

    /** One producer thread sends as fast as the producer accepts; a record counts once its send is acknowledged. */
    Util.Rate produce(String acks, int valueSize, long warmupMs, long measureMs) throws Exception {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("bootstrap.servers", bootstrap);
        cfg.put("acks", acks);
        cfg.put("enable.idempotence", acks.equals("all") ? "true" : "false");
        cfg.put("linger.ms", "5");
        cfg.put("batch.size", "65536");
        cfg.put("compression.type", "none");
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> error = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer())) {
            String t = topic(valueSize);
            byte[] v = Util.payload(valueSize, 9);
            Util.Rate r = Util.timed(1, warmupMs, measureMs, (id, run) -> {
                while (!run.stopped()) {
                    p.send(new ProducerRecord<>(t, null, v), (md, e) -> {
                        if (e != null) {
                            error.compareAndSet(null, e);
                        } else {
                            acked.incrementAndGet();
                        }
                    });
                    run.count(0, acked.get());
                }
            });
            p.flush();
            if (error.get() != null) {
                throw new IllegalStateException("kafka send failed", error.get());
            }
            return r;
        }
    }

    /** Reads the whole topic from the start with a fresh consumer group; returns records per second. */
    double consumeAll(int valueSize) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("bootstrap.servers", bootstrap);
        cfg.put("group.id", "bench-" + UUID.randomUUID());
        cfg.put("auto.offset.reset", "earliest");
        cfg.put("enable.auto.commit", "false");
        cfg.put("max.poll.records", "10000");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                tps.add(new TopicPartition(topic(valueSize), i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            long total = 0;
            for (long e : c.endOffsets(tps).values()) {
                total += e;
            }
            long n = 0;
            long bytes = 0;
            long t0 = System.nanoTime();
            while (n < total) {
                ConsumerRecords<byte[], byte[]> rs = c.poll(Duration.ofMillis(500));
                for (var r : rs) {
                    bytes += r.value().length;
                }
                n += rs.count();
            }
            if (bytes == 0) {
                throw new IllegalStateException("nothing consumed");
            }
            return n * 1e9 / (System.nanoTime() - t0);
        }
    }

    long brokerRssKb() {
        return Util.procStatusKb(Long.toString(broker.pid()), "VmRSS");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        broker.destroy();
        if (!broker.waitFor(20, TimeUnit.SECONDS)) {
            broker.destroyForcibly();
            broker.waitFor();
        }
        Util.deleteTree(dir.resolve("data"));
    }

}
