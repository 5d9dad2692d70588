package io.edgegateway.gateway.clock;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chrony as a clock source, fed {@code chronyc -c tracking} outputs written in chronyc's format (no chronyd
 * runs here): synchronized, not yet synchronized, a GPS reference clock announcing a leap second, chronyc
 * missing, chronyd not answering and output that is no tracking report. None of them throws; chronyc is asked at most once per interval.
 */
class ChronySignalTest {
    @TempDir
    Path dir;

    private static String recorded(String name) throws IOException {
        try (InputStream in = ChronySignalTest.class.getResourceAsStream("/chrony/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Answers queries from a script, one entry per query; counts them. */
    private static final class Scripted implements ChronyTracking {
        final Deque<Object> answers = new ArrayDeque<>();
        final AtomicInteger queries = new AtomicInteger();

        Scripted(Object... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<String> query() throws IOException {
            queries.incrementAndGet();
            Object a = answers.size() > 1 ? answers.poll() : answers.peek();
            if (a instanceof IOException e) {
                throw e;
            }
            return (Optional<String>) a;
        }
    }

    @Test
    void recordedReportsParse() throws Exception {
        assertTrue(ChronySignal.parse(recorded("tracking-synchronized.csv")));
        assertFalse(ChronySignal.parse(recorded("tracking-unsynchronized.csv")));
        assertTrue(ChronySignal.parse(recorded("tracking-gps-refclock-leap.csv")), "a leap announcement is still synced");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChronySignal.parse(recorded("tracking-human-readable.txt")));
        assertTrue(e.getMessage().startsWith("unexpected chronyc tracking output: 'Reference ID"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChronySignal.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ChronySignal.parse(
                recorded("tracking-synchronized.csv").replace(",4,", ",four,")));
        assertFalse(ChronySignal.parse(recorded("tracking-synchronized.csv").replace(",4,", ",0,")),
                "stratum 0 has no reference");
    }

    @Test
    void becomesSynchronizedWhenChronyDoesAndAsksAtMostOncePerInterval() throws Exception {
        Scripted chrony = new Scripted(Optional.of(recorded("tracking-unsynchronized.csv")),
                Optional.of(recorded("tracking-synchronized.csv")));
        long[] now = {0};
        ChronySignal signal = new ChronySignal(chrony, () -> now[0], 16_000);
        assertFalse(signal.isSynchronized());
        now[0] = 15_999;
        assertFalse(signal.isSynchronized(), "the last answer stands within the interval");
        assertEquals(1, chrony.queries.get());
        now[0] = 16_000;
        assertTrue(signal.isSynchronized());
        assertEquals(2, chrony.queries.get());
    }

    @Test
    void missingChronycIsSaidOnceAndNeverAskedAgain() {
        Scripted chrony = new Scripted(Optional.empty());
        long[] now = {0};
        ChronySignal signal = new ChronySignal(chrony, () -> now[0], 1);
        for (int i = 0; i < 5; i++) {
            now[0] += 10;
            assertFalse(signal.isSynchronized());
        }
        assertEquals(1, chrony.queries.get());
        assertDoesNotThrow(() -> assertEquals(Optional.empty(), new ChronycCommand(Optional.empty()).query()));
    }

    @Test
    void aDaemonThatDoesNotAnswerOrGarbageIsNotSynchronizedAndRecovers() throws Exception {
        Scripted chrony = new Scripted(new IOException("chronyc exited with 1: 506 Cannot talk to daemon"),
                Optional.of("garbage"), Optional.of(recorded("tracking-synchronized.csv")));
        long[] now = {0};
        ChronySignal signal = new ChronySignal(chrony, () -> now[0], 10);
        assertFalse(signal.isSynchronized());
        now[0] += 10;
        assertFalse(signal.isSynchronized());
        now[0] += 10;
        assertTrue(signal.isSynchronized());
    }

    @Test
    void runsARealCommandAndReportsItsFailure() throws Exception {
        Path fake = dir.resolve("chronyc");
        Files.writeString(fake, "#!/bin/sh\n[ \"$1 $2\" = \"-c tracking\" ] || exit 3\ncat '"
                + dir.resolve("out.csv") + "'\n");
        assertTrue(fake.toFile().setExecutable(true));
        Files.writeString(dir.resolve("out.csv"), recorded("tracking-synchronized.csv"));
        ChronycCommand command = new ChronycCommand(Optional.of(fake));
        assertTrue(ChronySignal.parse(command.query().orElseThrow()));
        Files.writeString(fake, "#!/bin/sh\necho '506 Cannot talk to daemon'\nexit 1\n");
        IOException e = assertThrows(IOException.class, command::query);
        assertEquals("chronyc exited with 1: 506 Cannot talk to daemon", e.getMessage());
    }

    @Test
    void anySignalStopsAtTheFirstYes() {
        AtomicInteger asked = new AtomicInteger();
        SyncSignal counted = () -> {
            asked.incrementAndGet();
            return true;
        };
        assertTrue(new AnySignal(List.of(() -> true, counted)).isSynchronized());
        assertEquals(0, asked.get());
        assertTrue(new AnySignal(List.of(() -> false, counted)).isSynchronized());
        assertEquals(1, asked.get());
        assertFalse(new AnySignal(List.of(() -> false, () -> false)).isSynchronized());
    }
}
