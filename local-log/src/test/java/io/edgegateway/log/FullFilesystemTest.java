package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A really full filesystem: a 2 MiB tmpfs mounted under target/ (needs root or CAP_SYS_ADMIN; skipped with
 * a message otherwise), filled by the log until the kernel answers ENOSPC. Appends must fail fast with
 * {@link DiskFullException}, nothing stored may change, and once a filler file is deleted appends must work
 * again in the same open log, across segment rolls, and survive a reopen.
 */
class FullFilesystemTest {

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    @Test
    void diskFullThenSpaceReturnsWithoutReopening() throws Exception {
        Path mnt = Path.of("target", "tmpfs-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(mnt);
        String err = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString());
        Assumptions.assumeTrue(err == null, "cannot mount a 2 MiB tmpfs at " + mnt + " (needs root or CAP_SYS_ADMIN): "
                + err + "; the disk-full behaviour is still covered by IoFaultTest with injected ENOSPC");
        LocalLog log = null;
        try {
            Path filler = mnt.resolve("filler");
            Files.write(filler, new byte[384 * 1024]);
            Ledger ledger = new Ledger(42);
            ledger.policy("t", Durability.ALWAYS);
            log = LocalLog.open(mnt.resolve("log"), LogConfig.builder().indexIntervalBytes(1024).build());
            log.createTopic(TopicConfig.builder("t").partitions(2).durability(Durability.ALWAYS)
                    .segmentBytes(256 * 1024).build());
            // Fill it: append until 10 appends in a row fail (a smaller record may still fit in a partly used
            // page after the first failure); every failure must be a fast, clear DiskFullException.
            DiskFullException full = null;
            int appended = 0;
            int failedInARow = 0;
            for (int i = 0; i < 100_000 && failedInARow < 10; i++) {
                LogRecord r = ledger.next("t", ("k" + i).getBytes(StandardCharsets.UTF_8), 1000, 1_000 + i);
                try {
                    ledger.ack(log.append("t", i % 2, r), r);
                    appended++;
                    failedInARow = 0;
                } catch (DiskFullException e) {
                    full = e;
                    failedInARow++;
                }
            }
            assertTrue(failedInARow == 10, "the 2 MiB filesystem never filled");
            assertTrue(appended > 500, "filled after only " + appended + " appends");
            assertTrue(full.getMessage().contains("disk is full"), full.getMessage());
            for (int p = 0; p < 2; p++) {
                ledger.check(log, "t", p, "while the disk is full");
                assertEquals(ledger.ackedEnd("t", p), log.partitionInfo("t", p).endOffset());
            }
            // Space returns: appends work again in the same open log, including rolls to new segments.
            Files.delete(filler);
            for (int i = 0; i < 120; i++) {
                LogRecord r = ledger.next("t", null, 1000, 6_000 + i);
                ledger.ack(log.append("t", i % 2, r), r);
            }
            assertTrue(log.partitionInfo("t", 0).segmentCount() >= 2);
            for (int p = 0; p < 2; p++) {
                ledger.check(log, "t", p, "after space returned");
            }
            log.close();
            log = LocalLog.open(mnt.resolve("log"));
            for (int p = 0; p < 2; p++) {
                ledger.check(log, "t", p, "reopened");
                assertEquals(ledger.ackedEnd("t", p), log.partitionInfo("t", p).endOffset());
            }
            assertEquals(0, log.stats().recoveredCuts(), "a clean reopen after a full disk cut something");
            Ledger.assertNoTmp(new FileStorage(), mnt.resolve("log"));
            List<String> corrupt = new FileStorage().list(mnt.resolve("log/topics/t/0"));
            assertTrue(corrupt.stream().noneMatch(n -> n.endsWith(".corrupt")), corrupt.toString());
        } finally {
            if (log != null) {
                try {
                    log.close();
                } catch (LogException e) {
                    // Already closed, or closing on the full disk failed; the unmount below must still run.
                }
            }
            String umount = run("umount", mnt.toString());
            if (umount != null) {
                run("umount", "-l", mnt.toString());
            }
            Files.deleteIfExists(mnt);
        }
    }
}
