package io.edgegateway.drivers.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedeliveryFilterTest {
    private static final long S = 1_000_000_000L;
    private static final byte[] A = "{\"t\":21.5}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "{\"t\":21.6}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aDupFlaggedCopyOfASeenMessageIsARedelivery() {
        RedeliveryFilter f = new RedeliveryFilter(60_000, 100);
        assertFalse(f.isRedelivery("x", A, false, 0));
        assertTrue(f.isRedelivery("x", A, true, 5 * S));
    }

    @Test
    void identicalReadingsWithoutDupAreNeverSuppressed() {
        RedeliveryFilter f = new RedeliveryFilter(60_000, 100);
        assertFalse(f.isRedelivery("x", A, false, 0));
        assertFalse(f.isRedelivery("x", A, false, S), "a sensor may report the same value twice");
    }

    @Test
    void dupFlagAloneIsNotEnough() {
        RedeliveryFilter f = new RedeliveryFilter(60_000, 100);
        assertFalse(f.isRedelivery("x", A, true, 0), "first delivery got lost before us: must become an event");
        assertFalse(f.isRedelivery("x", B, true, S), "other payload");
        assertFalse(f.isRedelivery("y", A, true, S), "other topic");
    }

    @Test
    void theWindowAndTheCapacityBoundMemory() {
        RedeliveryFilter f = new RedeliveryFilter(10_000, 3);
        f.isRedelivery("x", A, false, 0);
        assertFalse(f.isRedelivery("x", A, true, 11 * S), "older than the window");
        for (int i = 0; i < 10; i++) {
            f.isRedelivery("t" + i, A, false, 12 * S);
        }
        assertEquals(3, f.size());
        assertFalse(f.isRedelivery("t0", A, true, 12 * S), "evicted by capacity");
        assertTrue(f.isRedelivery("t9", A, true, 12 * S));
    }
}
