package io.edgegateway.uplink;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Questions the uplink asks the central cluster through an admin client: does a central topic exist, create
 * one, and is the cluster answering at all (the probe that ends a long backoff as soon as the cluster is
 * back). Missing topics are found before sending because a producer would block on them for
 * {@code max.block.ms} and hold up every other topic. Broker-side auto-creation is not relied on: it
 * cannot give the central topic the local partition count that keeps the key-to-partition mapping.
 */
final class CentralTopics {
    private final Admin admin;
    private final long timeoutMs;

    CentralTopics(Admin admin, long timeoutMs) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
    }

    /**
     * The topics among {@code topics} that do not exist. A topic this principal may not describe counts as
     * existing: producing will tell whether it may write.
     */
    Set<String> missing(Collection<String> topics) throws Exception {
        Set<String> out = new TreeSet<>();
        Map<String, KafkaFuture<TopicDescription>> fs = admin.describeTopics(topics).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : fs.entrySet()) {
            try {
                e.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
                    out.add(e.getKey());
                } else if (!(ex.getCause() instanceof org.apache.kafka.common.errors.TopicAuthorizationException)) {
                    throw ex;
                }
            }
        }
        return out;
    }

    void create(String topic, int partitions, short replicationFactor) throws Exception {
        NewTopic t = new NewTopic(topic, Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor));
        try {
            admin.createTopics(List.of(t)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** True if the cluster answered a metadata request within {@code waitMs}. */
    boolean answers(long waitMs) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) waitMs)).nodes()
                    .get(waitMs + 500, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
