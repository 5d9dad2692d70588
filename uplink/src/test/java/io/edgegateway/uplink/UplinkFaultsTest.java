package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.log.LocalLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through the faults of the field, against a {@code kafka.Kafka} broker in a child JVM reached
 * through a {@link TcpProxy} (cases (b), (c) and (d) of the issue): the broker stopped and restarted (cleanly
 * and by SIGKILL) while events stream in; connections dropped, then the link black-holed for longer than
 * {@code transaction.timeout.ms}, then restored; and the forwarding JVM killed with SIGKILL at random
 * moments at least 20 times; and a topic the gateway is not authorized to write (case (e) has the other two
 * topic errors). After each: every stored event exactly once in order per key
 * ({@code read_committed}), the offsets topic equal to the local ends.
 */
class UplinkFaultsTest {
    static final boolean STRESS = Boolean.getBoolean("edge.stress");
    static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "uplink-faults");
    static TcpProxy proxy;
    static ChildKafka broker;

    @BeforeAll
    static void start() throws Exception {
        int proxyPort = ChildKafka.freePort();
        // The broker advertises the proxy's port on its EXTERNAL listener, so the uplink's every connection
        // (not only bootstrap) crosses the proxy; the test's own checks use the INTERNAL listener.
        // An authorizer that allows everything without ACLs, and tells the gateway (EXTERNAL) from the broker,
        // so that one test can deny the gateway a single topic.
        // A single broker leaves every partition without a leader while it stops and starts, so a transaction
        // completing then can be left open without markers (StrandedTransaction): both stops exercise that.
        broker = new ChildKafka(ROOT.resolve("broker-" + System.nanoTime()), proxyPort,
                Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000",
                        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                        "allow.everyone.if.no.acl.found", "true", "super.users", "User:ANONYMOUS",
                        "principal.builder.class", ListenerPrincipalBuilder.class.getName()));
        proxy = new TcpProxy(proxyPort, broker.externalPort);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        broker.close();
    }

    @BeforeEach
    void brokerUp() throws Exception {
        proxy.blackHole(false);
    }

    static Map<String, String> options(String gateway, List<String> topics) {
        Map<String, String> m = UplinkExactlyOnceTest.options(gateway, String.join(",", topics),
                "127.0.0.1:" + proxy.port());
        m.put("kafka.transaction.timeout.ms", "5000");
        m.put("kafka.request.timeout.ms", "4000");
        m.put("kafka.delivery.timeout.ms", "10000");
        m.put("kafka.max.block.ms", "5000");
        m.put("kafka.reconnect.backoff.max.ms", "500");
        m.put("backoff.max.ms", "3000");
        m.put("probe.interval.ms", "300");
        m.put("offline.after.ms", "2000");
        m.put("operation.timeout.ms", "15000");
        m.put("batch.max.records", "500");
        return m;
    }

    private static Map<String, String> createTopics(LocalLog log, List<String> topics) throws Exception {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String t : topics) {
            EdgeData.createTopic(log, t, 3, 0);
            InJvmKafka.createTopic(broker.internalBootstrap(), "edge." + t, 3, Map.of());
            mapping.put(t, "edge." + t);
        }
        return mapping;
    }

    private static void awaitProgress(Uplink u, long more) throws InterruptedException {
        long target = u.status().forwardedEvents() + more;
        Await.until(90_000, () -> u.status().forwardedEvents() >= target, () -> u.status().toString());
    }

    /*
     * Each stop falls at a random point of the stream, often during a commit whose outcome the producer
     * cannot learn; the positions read after the restart must then be exactly the committed ones. The
     * default run stops the broker twice (cleanly, then SIGKILL); -Pstress five times with longer outages.
     */
    @Test
    void brokerStoppedAndRestartedMidStream(@TempDir Path dir) throws Exception {
        List<String> topics = List.of("b.sensors", "b.doors");
        try (LocalLog log = LocalLog.open(dir)) {
            Map<String, String> mapping = createTopics(log, topics);
            new EdgeData().append(log, "b.sensors", 10_000, 30, 100);
            Map<String, String> o = options("gw-b", topics);
            // Long backoffs: after a 10 to 25 s outage the next retry may be that far away; the probe must not wait.
            o.put("backoff.initial.ms", "2000");
            o.put("backoff.max.ms", "120000");
            // A transaction the restarted cluster left open without markers is ended only after the offsets
            // read has waited this long for the markers (see StrandedTransaction): part of the resume bound.
            o.put("operation.timeout.ms", "5000");
            long resumeBoundMs = 15_000 + 5_000;
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o));
                    Appender a = new Appender(log, topics, 10, 20)) {
                awaitProgress(u, 1_000);
                boolean[] kills = STRESS ? new boolean[] {false, true, false, true, true} : new boolean[] {false, true};
                for (boolean kill : kills) {
                    broker.stop(kill);
                    Await.until(60_000, () -> u.status().state() == ConnectivityState.OFFLINE, () -> u.status().toString());
                    Thread.sleep(kill ? (STRESS ? 25_000 : 10_000) : 1_000);
                    broker.start();
                    long up = System.nanoTime();
                    Await.until(90_000, () -> u.status().state() == ConnectivityState.ONLINE, () -> u.status().toString());
                    long resumeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - up);
                    if (kill) {
                        // Well below the backoff the outage has grown to (tens of seconds): the probe resumed it.
                        assertTrue(resumeMs < resumeBoundMs, "online " + resumeMs + " ms after the broker was back");
                    }
                    awaitProgress(u, 1_000);
                }
                a.close();
                Await.drained(u, 60_000);
                UplinkStatus s = u.status();
                assertTrue(s.stateTransitions().get(ConnectivityState.OFFLINE) >= kills.length, s.toString());
                assertTrue(s.millisInState().get(ConnectivityState.OFFLINE) > 0, s.toString());
            }
            Central.verify(log, broker.internalBootstrap(), mapping, true, "gw-b");
            Central.verifyPositions(log, broker.internalBootstrap(), "edge.uplink.offsets", "gw-b", topics);
        }
    }

    @Test
    void connectionsDroppedThenBlackHoledLongerThanTheTransactionTimeout(@TempDir Path dir) throws Exception {
        List<String> topics = List.of("c.sensors", "c.doors");
        try (LocalLog log = LocalLog.open(dir)) {
            Map<String, String> mapping = createTopics(log, topics);
            Map<String, String> o = options("gw-c", topics);
            // Short enough to fire while requests hang, long enough for a transaction on a loaded machine.
            o.put("stall.timeout.ms", "3000");
            // A commit blocks this long on a silent link: longer than the watchdog, so the watchdog acts.
            o.put("kafka.max.block.ms", "20000");
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o));
                    Appender a = new Appender(log, topics, 10, 20)) {
                awaitProgress(u, 1_000);
                for (int i = 0; i < 5; i++) {
                    proxy.dropConnections();
                    Thread.sleep(300);
                }
                awaitProgress(u, 1_000);
                // Silence, not errors: requests hang. The watchdog notices online-but-not-committing, throws
                // the producer away; the cluster aborts the open transaction after transaction.timeout.ms.
                long stallsBefore = u.status().stalls();
                proxy.blackHole(true);
                Await.until(30_000, () -> u.status().stalls() > stallsBefore, () -> u.status().toString());
                Await.until(60_000, () -> u.status().state() == ConnectivityState.OFFLINE, () -> u.status().toString());
                // Longer than transaction.timeout.ms (5 s): the cluster aborts the open transaction meanwhile.
                Thread.sleep(8_000);
                assertFalse(u.status().state() == ConnectivityState.ONLINE, u.status().toString());
                proxy.blackHole(false);
                Await.until(90_000, () -> u.status().state() == ConnectivityState.ONLINE, () -> u.status().toString());
                awaitProgress(u, 1_000);
                a.close();
                Await.drained(u, 60_000);
                assertTrue(u.status().producerRebuilds() >= 1, u.status().toString());
            }
            Central.verify(log, broker.internalBootstrap(), mapping, true, "gw-c");
            Central.verifyPositions(log, broker.internalBootstrap(), "edge.uplink.offsets", "gw-c", topics);
        }
    }

    /*
     * One transaction carries events of both topics: the refusal of one must pause that one only, although
     * the producer fails the other topic's sends of the aborted transaction with the same exception.
     */
    /*
     * In exactly-once mode the refused send fails the whole transaction, so every pending send reports the
     * same error; in at-least-once mode the sends fail one by one. Either way only the refused topic pauses.
     */
    @ParameterizedTest
    @ValueSource(strings = {"exactly-once", "at-least-once"})
    void topicTheGatewayMayNotWriteIsPausedAloneUntilAllowed(String mode, @TempDir Path dir) throws Exception {
        boolean exactlyOnce = mode.equals("exactly-once");
        String gateway = exactlyOnce ? "gw-acl" : "gw-acl-alo";
        List<String> topics = exactlyOnce ? List.of("e.open", "e.secret") : List.of("f.open", "f.secret");
        String open = topics.get(0);
        String secret = topics.get(1);
        AclBinding deny = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "edge." + secret, PatternType.LITERAL),
                new AccessControlEntry("User:gateway", "*", AclOperation.WRITE, AclPermissionType.DENY));
        try (LocalLog log = LocalLog.open(dir);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.internalBootstrap()))) {
            Map<String, String> mapping = createTopics(log, topics);
            admin.createAcls(List.of(deny)).all().get();
            EdgeData data = new EdgeData();
            data.append(log, open, 2_000, 10, 100);
            data.append(log, secret, 2_000, 10, 100);
            Map<String, String> o = options(gateway, topics);
            o.put("mode", mode);
            o.put("paused.retry.ms", "600000");
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                // Well within stall.timeout.ms (60 s): the refusal itself pauses the topic, not the watchdog.
                Await.until(30_000, () -> u.status().topic(secret).state() == TopicStatus.State.NOT_AUTHORIZED
                        && u.status().topic(open).backlogEvents() == 0, () -> u.status().toString());
                data.append(log, open, 1_000, 10, 100);
                Await.until(60_000, () -> u.status().topic(open).backlogEvents() == 0, () -> u.status().toString());
                UplinkStatus s = u.status();
                assertTrue(s.topic(secret).error().contains("edge." + secret), s.topic(secret).error());
                assertEquals(2_000, s.topic(secret).backlogEvents(), s.toString());
                assertEquals(TopicStatus.State.FORWARDING, s.topic(open).state(), s.toString());

                admin.deleteAcls(List.of(deny.toFilter())).all().get();
                u.resume(secret);
                Await.drained(u, 60_000);
            }
            // No crash happened, so at-least-once must not have duplicated anything either.
            Central.verify(log, broker.internalBootstrap(), mapping, true, gateway);
            if (exactlyOnce) {
                Central.verifyPositions(log, broker.internalBootstrap(), "edge.uplink.offsets", gateway, topics);
            }
        }
    }

    @Test
    void forwardingJvmKilledAtRandomMomentsTwentyTimes(@TempDir Path dir) throws Exception {
        int kills = STRESS ? 100 : 20;
        List<String> topics = List.of("d.sensors", "d.doors", "d.gpio");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, String> mapping;
        try (LocalLog log = LocalLog.open(dir)) {
            mapping = createTopics(log, topics);
            new EdgeData().append(log, "d.sensors", 5_000, 30, 100);
        }
        Path out = dir.resolve("child.out");
        String secret = "s3cr3t-" + seed;
        for (int i = 0; i < kills; i++) {
            ProcessBuilder pb = new ProcessBuilder(ChildJvm.java(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", ChildJvm.classPath(), CrashChild.class.getName(),
                    dir.toString(), broker.bootstrap(), "gw-d", String.join(",", topics));
            pb.environment().put("EDGE_TEST_SECRET", secret);
            Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
            // Anywhere from JVM start-up, through initTransactions and reading the offsets, to mid-stream.
            long lifeMs = 300 + random.nextInt(3_500);
            assertFalse(p.waitFor(lifeMs, TimeUnit.MILLISECONDS), "the forwarding JVM exited by itself; see " + out);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        try (LocalLog log = LocalLog.open(dir)) {
            Map<String, String> o = UplinkExactlyOnceTest.options("gw-d", String.join(",", topics), broker.bootstrap());
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.drained(u, 120_000);
            }
            long n = Central.verify(log, broker.internalBootstrap(), mapping, true, "gw-d");
            Central.verifyPositions(log, broker.internalBootstrap(), "edge.uplink.offsets", "gw-d", topics);
            assertTrue(n > 5_000, "events checked: " + n);
        }
        String childOutput = Files.readString(out);
        assertTrue(childOutput.contains("started edge-uplink.gw-d."), "the child never started; seed " + seed);
        assertFalse(childOutput.contains(secret), "a secret appeared in the forwarding JVM's output");
    }

}
