package io.edgegateway.uplink;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Sorts producer errors into what the forwarder does about them. {@link Kind#FATAL}: the producer cannot
 * go on (fenced by a newer instance, sequence or epoch lost, not authorized for its transactional id or
 * the cluster, closed): close it, build a new one and take the positions from the cluster again.
 * {@link Kind#TOPIC}: an error that concerns one topic (missing, not authorized, record too large): pause
 * that topic only. {@link Kind#RETRY}: everything else (timeouts, lost connections, not enough replicas):
 * abort the transaction and send the same batch again after a backoff.
 */
final class Errors {
    enum Kind { FATAL, TOPIC, RETRY }

    private Errors() {
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException
                || (c.getClass() == KafkaException.class)) && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    static Kind classify(Throwable t) {
        Throwable c = unwrap(t);
        if (topicState(c) != null) {
            return Kind.TOPIC;
        }
        if (c instanceof ProducerFencedException || c instanceof OutOfOrderSequenceException
                || c instanceof InvalidProducerEpochException || c instanceof UnknownProducerIdException
                || c instanceof AuthorizationException || c instanceof AuthenticationException
                || c instanceof UnsupportedVersionException || c instanceof IllegalStateException) {
            return Kind.FATAL;
        }
        if (c instanceof KafkaException k && k.getClass() == KafkaException.class) {
            // A bare KafkaException ("producer closed", "transactional state in error") leaves the producer
            // unusable; a new one is the only safe way on.
            return Kind.FATAL;
        }
        return Kind.RETRY;
    }

    /** The topic state for an error that concerns one topic, or null. */
    static TopicStatus.State topicState(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof TopicAuthorizationException) {
            return TopicStatus.State.NOT_AUTHORIZED;
        }
        if (c instanceof RecordTooLargeException || c instanceof RecordBatchTooLargeException) {
            return TopicStatus.State.RECORD_TOO_LARGE;
        }
        if (c instanceof InvalidTopicException || c instanceof UnknownTopicOrPartitionException) {
            return TopicStatus.State.TOPIC_MISSING;
        }
        return null;
    }

    /** True for the producer's "topic not present in metadata" timeout, a hint that the topic is missing. */
    static boolean metadataTimeout(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof org.apache.kafka.common.errors.TimeoutException && c.getMessage() != null
                && c.getMessage().contains("not present in metadata");
    }

    static String describe(Throwable t) {
        Throwable c = unwrap(t);
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
