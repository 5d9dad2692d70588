package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors that concern one topic pause that topic only (case (e) of the issue): a central topic that does not
 * exist (auto-creation off) and an event larger than its central topic accepts. The other topic keeps
 * flowing meanwhile; the paused ones say why on the status API; after the operator fixes the cluster and
 * resumes, every event arrives exactly once and in order, the events before the too-large one included.
 */
class UplinkTopicErrorsTest {
    static InJvmKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InJvmKafka(Map.of());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void missingTopicAndTooLargeEventPauseOnlyTheirTopic(@TempDir Path dir) throws Exception {
        String bs = kafka.bootstrap();
        InJvmKafka.createTopic(bs, "edge.flowing", 2, Map.of());
        InJvmKafka.createTopic(bs, "edge.big", 2, Map.of("max.message.bytes", "4000"));
        try (LocalLog log = LocalLog.open(dir)) {
            EdgeData data = new EdgeData();
            for (String t : List.of("flowing", "missing", "big")) {
                EdgeData.createTopic(log, t, 2, 0);
                data.append(log, t, 2_000, 8, 100);
            }
            // One 20 kB event in the middle of 'big' (to a known partition), then more small ones after it.
            // Random bytes: the limit applies to the compressed batch, and lz4 would shrink a repeated letter.
            byte[] huge = new byte[20_000];
            new java.util.Random(42).nextBytes(huge);
            long hugeOffset = log.append("big", new LogRecord("big-dev-0".getBytes(StandardCharsets.UTF_8), huge,
                    System.currentTimeMillis())).offset();
            data.append(log, "big", 1_000, 8, 100);

            Map<String, String> o = UplinkExactlyOnceTest.options("gw-e", "flowing,missing,big", bs);
            o.put("paused.retry.ms", "600000");
            o.put("batch.max.records", "500");
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.until(60_000, () -> {
                    UplinkStatus s = u.status();
                    return s.topic("flowing").backlogEvents() == 0
                            && s.topic("missing").state() == TopicStatus.State.TOPIC_MISSING
                            && s.topic("big").state() == TopicStatus.State.RECORD_TOO_LARGE;
                }, () -> u.status().toString());
                // While two topics are paused, new events of the third still flow.
                data.append(log, "flowing", 1_000, 8, 100);
                Await.until(30_000, () -> u.status().topic("flowing").backlogEvents() == 0, () -> u.status().toString());

                UplinkStatus s = u.status();
                assertEquals(ConnectivityState.ONLINE, s.state(), s.toString());
                assertTrue(s.topic("missing").error().contains("edge.missing"), s.topic("missing").error());
                assertEquals(2_000, s.topic("missing").backlogEvents());
                String bigError = s.topic("big").error();
                assertTrue(bigError.contains("big-") && bigError.contains("@" + hugeOffset), bigError);
                // Everything before the huge event in its partition went through; it and what follows wait.
                int hugePartition = log.partitionFor("big", "big-dev-0".getBytes(StandardCharsets.UTF_8));
                assertEquals(hugeOffset, log.cursor("uplink", "big").position(hugePartition));
                assertEquals(3_001 - s.topic("big").forwardedEvents(), s.topic("big").backlogEvents(), s.toString());

                // The operator creates the topic and raises the limit; resume instead of waiting for the retry.
                InJvmKafka.createTopic(bs, "edge.missing", 2, Map.of());
                raiseMaxMessageBytes(bs, "edge.big", "100000");
                u.resume("missing");
                u.resume("big");
                Await.drained(u, 60_000);
                assertEquals(TopicStatus.State.FORWARDING, u.status().topic("big").state());
                assertEquals(TopicStatus.State.FORWARDING, u.status().topic("missing").state());
            }
            Collection<String> topics = List.of("flowing", "missing", "big");
            Central.verify(log, bs, Map.of("flowing", "edge.flowing", "missing", "edge.missing", "big", "edge.big"),
                    true, "gw-e");
            Central.verifyPositions(log, bs, "edge.uplink.offsets", "gw-e", topics);
        }
    }

    private static void raiseMaxMessageBytes(String bs, String topic, String value) throws Exception {
        try (Admin a = Admin.create(Map.of("bootstrap.servers", bs))) {
            a.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
    }
}
