package io.edgegateway.drivers.sim;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Eclipse Mosquitto broker in a child process, for MQTT tests and simulate mode: it listens on
 * 127.0.0.1 only, on a free port chosen at creation, allows anonymous clients, and persists sessions into its
 * folder, so {@link #restart()} (SIGTERM, which makes mosquitto save its database, then a new process on the
 * same port) is a realistic broker restart that keeps persistent sessions and their queued QoS 1 messages.
 * The binary is looked up on the PATH and in the sbin folders Debian installs it to; {@link #binary()} is
 * empty when mosquitto is not installed. Not thread-safe.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;
    private Thread shutdownHook;

    private MosquittoBroker(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** The mosquitto executable, if installed. */
    public static Optional<Path> binary() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        dirs.add("/usr/local/sbin");
        for (String d : dirs) {
            if (!d.isEmpty()) {
                Path p = Path.of(d, "mosquitto");
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts a broker whose config, database and log live in {@code dir}. */
    public static MosquittoBroker start(Path dir) throws IOException {
        Path bin = binary().orElseThrow(() -> new IOException("mosquitto is not installed"));
        Files.createDirectories(dir);
        MosquittoBroker b = new MosquittoBroker(bin, dir, freePort());
        b.writeConfig();
        b.launch();
        return b;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private void writeConfig() throws IOException {
        // "user root" only matters when started as root: it stops mosquitto from switching to its own user,
        // which could not write the database into a folder owned by the test.
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + File.separator,
                "autosave_interval 0",
                "user root",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                ""));
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(binary.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        Process p = process;
        shutdownHook = new Thread(p::destroyForcibly, "mosquitto-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("mosquitto exited with " + p.exitValue() + "; see " + dir.resolve("mosquitto.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(10);
            }
        }
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The broker's log, for test failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker with SIGTERM, which saves sessions; a no-op when stopped. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process = null;
    }

    /** Starts the broker again on the same port with the saved sessions. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
