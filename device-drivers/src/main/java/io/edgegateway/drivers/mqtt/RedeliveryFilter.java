package io.edgegateway.drivers.mqtt;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recognizes QoS 1 redeliveries. A broker resends an unacknowledged QoS 1 PUBLISH with the DUP flag set (MQTT
 * 3.1.1 §3.3.1.1, §4.4; MQTT 5 §3.3.1.1, §4.4), typically after the connection dropped between our processing
 * and our PUBACK, so the message already became an event. A message is a redelivery when it carries DUP and
 * the same topic and payload were seen within the window. Messages without DUP are never suppressed: a sensor
 * may legitimately send the same reading twice. Payloads are remembered by SHA-256 digest, and at most
 * {@code maxEntries} are kept, so memory stays bounded. Not thread-safe; the driver synchronizes.
 */
final class RedeliveryFilter {
    private record Key(String topic, ByteBuffer digest) {
    }

    private final long windowNanos;
    private final int maxEntries;
    private final LinkedHashMap<Key, Long> seen = new LinkedHashMap<>();

    RedeliveryFilter(long windowMillis, int maxEntries) {
        this.windowNanos = windowMillis * 1_000_000L;
        this.maxEntries = maxEntries;
    }

    /** Records the message; returns true if it is a redelivery of one seen within the window. */
    boolean isRedelivery(String topic, byte[] payload, boolean duplicateFlag, long nowNanos) {
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next() <= windowNanos) {
                break; // insertion order is time order, so the rest is younger
            }
            it.remove();
        }
        Key key = new Key(topic, ByteBuffer.wrap(sha256(payload)));
        boolean known = seen.remove(key) != null;
        seen.put(key, nowNanos);
        if (seen.size() > maxEntries) {
            Iterator<Map.Entry<Key, Long>> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return duplicateFlag && known;
    }

    int size() {
        return seen.size();
    }

    private static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
