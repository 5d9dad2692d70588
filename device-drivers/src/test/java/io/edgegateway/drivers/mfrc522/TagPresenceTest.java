package io.edgegateway.drivers.mfrc522;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TagPresenceTest {
    private static final long MS = 1_000_000L;

    @Test
    void aTagHeldStillIsReportedOnceAndAgainOnlyAfterBeingAway() {
        TagPresence p = new TagPresence(1_000);
        assertTrue(p.sighted("A", 0));
        for (long t = 100; t <= 5_000; t += 100) {
            assertFalse(p.sighted("A", t * MS), "still in the field at " + t + " ms");
        }
        // away from 5000 ms to 6000 ms: exactly the window, still the same visit
        assertFalse(p.sighted("A", 6_000 * MS));
        // away for 1001 ms: a new visit
        assertTrue(p.sighted("A", 7_001 * MS));
    }

    @Test
    void tagsAreTrackedSeparatelyAndForgottenAfterTheWindow() {
        TagPresence p = new TagPresence(500);
        assertTrue(p.sighted("A", 0));
        assertTrue(p.sighted("B", 100 * MS));
        assertFalse(p.sighted("A", 200 * MS));
        assertEquals(2, p.present());
        assertTrue(p.sighted("C", 10_000 * MS));
        assertEquals(1, p.present(), "A and B were pruned, so memory stays bounded");
    }
}
