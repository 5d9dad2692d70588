package io.edgegateway.gateway.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.log.LocalLog;
import io.edgegateway.uplink.EventTimestamps;
import io.edgegateway.uplink.UplinkListener;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a broker: no section means no uplink, and a start that fails is reported and retried, not fatal. */
class UplinkControlTest {
    @TempDir
    Path dir;

    @Test
    void noSectionNoUplink() throws Exception {
        try (LocalLog log = LocalLog.open(dir); UplinkControl c = new UplinkControl(log, EventTimestamps.AS_STORED,
                UplinkListener.NONE, (l, o, li, t) -> {
                    throw new AssertionError("no uplink is configured");
                })) {
            assertTrue(c.apply(WiringFixtures.config("")));
            assertEquals("not configured", c.summary());
            assertEquals(Optional.empty(), c.status());
            assertFalse(c.apply(WiringFixtures.config("")), "nothing changed");
        }
    }

    @Test
    void aFailedStartIsReportedAndTheSameSettingsAreNotStartedTwice() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (LocalLog log = LocalLog.open(dir); UplinkControl c = new UplinkControl(log, EventTimestamps.AS_STORED,
                UplinkListener.NONE, (l, o, li, t) -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("No resolvable bootstrap urls given in bootstrap.servers");
                })) {
            String yaml = "uplink: {bootstrap-servers: kafka.invalid:9092}\n";
            assertTrue(c.apply(WiringFixtures.config(yaml)));
            assertEquals("not started: No resolvable bootstrap urls given in bootstrap.servers", c.summary());
            assertFalse(c.apply(WiringFixtures.config(yaml)), "the retry is already scheduled");
            assertEquals(1, attempts.get());
            assertEquals(0, c.starts());
            assertTrue(c.apply(WiringFixtures.config("")), "removing the section cancels the retry");
            assertEquals("not configured", c.summary());
        }
    }
}
