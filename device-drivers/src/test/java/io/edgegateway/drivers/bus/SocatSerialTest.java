package io.edgegateway.drivers.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgegateway.drivers.bus.serial.JSerialCommPorts;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jSerialComm adapter on a pseudo-terminal pair made by socat: the closest a laptop gets to a UART.
 * The test starts socat itself; without socat installed it is skipped with a message saying so.
 */
class SocatSerialTest {
    @TempDir
    Path dir;
    private Process socat;
    private Path hostEnd;
    private Path deviceEnd;

    private static boolean socatInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String p : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "socat"))) {
                return true;
            }
        }
        return false;
    }

    @BeforeEach
    void startSocat() throws Exception {
        assumeTrue(socatInstalled(), "socat is not installed; install it to run the pseudo-terminal serial test");
        hostEnd = dir.resolve("ttyHost");
        deviceEnd = dir.resolve("ttyDevice");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + hostEnd, "pty,raw,echo=0,link=" + deviceEnd)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(hostEnd) && Files.exists(deviceEnd)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(hostEnd) && Files.exists(deviceEnd), "socat did not create the pty links");
    }

    @AfterEach
    void stopSocat() throws Exception {
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void readsBytesWrittenAtTheOtherEndThroughJSerialComm() throws Exception {
        byte[] frame = {0x02, '0', '1', '0', '0', '4', 'C', 'B', '3', '7', '8', 'F', '9', 0x03};
        try (SerialLink link = new JSerialCommPorts().open(hostEnd.toString(), SerialParams.of8N1(9600));
             OutputStream device = new FileOutputStream(deviceEnd.toFile())) {
            assertEquals(0, link.read(new byte[8], 0, 8, 50), "nothing sent yet: the read times out empty");
            device.write(frame);
            device.flush();
            byte[] got = new byte[frame.length];
            int n = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (n < frame.length && System.nanoTime() < deadline) {
                n += link.read(got, n, frame.length - n, 500);
            }
            assertArrayEquals(frame, got);

            link.write("ping\n".getBytes(StandardCharsets.US_ASCII), 0, 5);
            // FileInputStream.readNBytes lseeks, which a pty refuses; read byte by byte.
            try (InputStream in = new FileInputStream(deviceEnd.toFile())) {
                StringBuilder sb = new StringBuilder();
                while (sb.length() < 5) {
                    sb.append((char) in.read());
                }
                assertEquals("ping\n", sb.toString());
            }
        }
    }

    @Test
    void missingPortIsABusErrorNamingThePath() {
        BusException e = assertThrows(BusException.class,
                () -> new JSerialCommPorts().open(dir.resolve("ttyGone").toString(), SerialParams.of8N1(9600)));
        assertTrue(e.getMessage().contains("ttyGone") && e.getMessage().contains("not found"), e.getMessage());
    }
}
