package io.edgegateway.uplink;

import io.edgegateway.log.StoredRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors that concern one topic, so that they stop that topic only: central topics that do not exist
 * (created if {@code create.topics=true}, else the topic is paused), topics the principal may not write,
 * and events too large for the central topic, whose stretch is resent one event at a time to deliver
 * everything before the offender and name it exactly. A paused topic's readers go back to its delivered
 * positions; it is tried again after {@code paused.retry.ms} (or at once on {@link Uplink#resume}). Used by
 * the forwarder thread only.
 */
final class TopicPauses {
    private static final Logger log = LoggerFactory.getLogger(TopicPauses.class);

    private final UplinkOptions options;
    private final Clock clock;
    private final UplinkListener listener;
    private final CentralTopics central;
    private final List<ForwardedTopic> topics;

    TopicPauses(UplinkOptions options, Clock clock, UplinkListener listener, CentralTopics central,
            List<ForwardedTopic> topics) {
        this.options = options;
        this.clock = clock;
        this.listener = listener;
        this.central = central;
        this.topics = topics;
    }

    /** Creates or pauses the topics of {@code which} whose central topic is missing; throws if the cluster cannot say. */
    void checkTopics(List<ForwardedTopic> which) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        which.forEach(t -> names.add(t.centralTopic));
        Set<String> missing = central.missing(names);
        for (ForwardedTopic t : which) {
            if (!missing.contains(t.centralTopic)) {
                continue;
            }
            if (options.createTopics()) {
                central.create(t.centralTopic, t.partitionCount, options.createTopicsReplicationFactor());
                log.info("created central topic {} with {} partitions for {}", t.centralTopic, t.partitionCount, t.name);
            } else {
                pause(t, TopicStatus.State.TOPIC_MISSING, "central topic '" + t.centralTopic
                        + "' does not exist and create.topics=false; create it (" + t.partitionCount
                        + " partitions keeps the key-to-partition mapping) or set create.topics=true");
            }
        }
    }

    private void pause(ForwardedTopic t, TopicStatus.State state, String message) {
        boolean changed = t.state != state || !message.equals(t.error);
        t.state = state;
        t.error = message;
        t.retryAtMs = clock.millis() + options.pausedRetryMs();
        for (Source s : t.sources) {
            if (s.reader != null) {
                s.reader.seek(s.delivered);
            }
        }
        if (changed) {
            log.warn("uplink: topic {} paused ({}): {}; other topics continue; retrying every {} ms", t.name, state,
                    message, options.pausedRetryMs());
            listener.onTopicStatus(t.name, state, message);
        }
    }

    /** Lets paused topics whose retry time has come try again; a missing topic only once it exists. */
    void resumeDue() {
        long now = clock.millis();
        List<ForwardedTopic> due = new ArrayList<>();
        for (ForwardedTopic t : topics) {
            if (t.paused() && t.retryAtMs <= now) {
                due.add(t);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        List<ForwardedTopic> missing = new ArrayList<>();
        for (ForwardedTopic t : due) {
            if (t.state == TopicStatus.State.TOPIC_MISSING) {
                missing.add(t);
            }
        }
        try {
            if (!missing.isEmpty()) {
                checkTopics(missing);
            }
        } catch (Exception e) {
            // Cannot tell now; keep them paused and ask again later.
            missing.forEach(t -> t.retryAtMs = now + options.pausedRetryMs());
            return;
        }
        for (ForwardedTopic t : due) {
            if (t.retryAtMs > now) {
                continue;
            }
            log.info("uplink: retrying paused topic {} (was {})", t.name, t.state);
            t.state = TopicStatus.State.FORWARDING;
            t.error = null;
            listener.onTopicStatus(t.name, TopicStatus.State.FORWARDING, null);
        }
    }

    /** Pauses the topic an error concerns and takes its events out of the batch; false if not paused. */
    boolean onTopicError(String topic, Throwable error, OutboundBatch batch) {
        ForwardedTopic t = topics.stream().filter(x -> x.name.equals(topic)).findFirst().orElseThrow();
        TopicStatus.State state = Errors.topicState(error);
        if (state == TopicStatus.State.TOPIC_MISSING) {
            // Also reported while a partition leader moves; only a topic the cluster does not know is paused.
            try {
                if (central.missing(List.of(t.centralTopic)).isEmpty()) {
                    return false;
                }
            } catch (Exception e) {
                return false;
            }
        }
        String where = "";
        if (state == TopicStatus.State.RECORD_TOO_LARGE) {
            List<Map.Entry<EdgePartition, List<StoredRecord>>> mine = new ArrayList<>();
            batch.chunks().entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).forEach(mine::add);
            int events = mine.stream().mapToInt(e -> e.getValue().size()).sum();
            if (events > 1 || (events == 1 && t.oneAtATimeUntil.isEmpty())) {
                // Kafka rejects the whole producer batch, so which event is too large is not known yet:
                // resend this stretch one event at a time; the events before the offender go through.
                for (Map.Entry<EdgePartition, List<StoredRecord>> e : mine) {
                    t.oneAtATimeUntil.merge(e.getKey(), e.getValue().get(e.getValue().size() - 1).offset(), Math::max);
                }
                batch.removeTopic(topic);
                for (Source s : t.sources) {
                    s.reader.seek(s.delivered);
                }
                log.info("uplink: topic {}: an event is too large for '{}'; sending this stretch one event at a time"
                        + " to find it", topic, t.centralTopic);
                return true;
            }
            if (events == 1) {
                StoredRecord r = mine.get(0).getValue().get(0);
                where = " (event " + mine.get(0).getKey() + "@" + r.offset() + ", " + OutboundBatch.sizeOf(r)
                        + " bytes before headers)";
            }
        }
        batch.removeTopic(topic);
        String message = switch (state) {
            case RECORD_TOO_LARGE -> "an event is larger than central topic '" + t.centralTopic
                    + "' or the producer accepts" + where + ": " + Errors.describe(error)
                    + "; raise the topic's max.message.bytes or kafka.max.request.size, then resume";
            case NOT_AUTHORIZED -> "not authorized to write to central topic '" + t.centralTopic + "': "
                    + Errors.describe(error) + "; grant WRITE (and DESCRIBE) on it to this gateway's principal";
            case TOPIC_MISSING -> "central topic '" + t.centralTopic + "' does not exist: " + Errors.describe(error);
            default -> Errors.describe(error);
        };
        pause(t, state, message);
        return true;
    }
}
