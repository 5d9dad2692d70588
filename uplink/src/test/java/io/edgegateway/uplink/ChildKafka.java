package io.edgegateway.uplink;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A one-node KRaft broker ({@code kafka.Kafka} 4.3.1 from the test class path) in a child JVM bound to
 * 127.0.0.1 on free ports, with its data under target/, so a test can stop it (SIGTERM), kill it
 * (SIGKILL) and start it again on the same data and ports. Two listeners: INTERNAL for the broker itself
 * and the test's checks, EXTERNAL for the uplink, whose advertised port may be a {@link TcpProxy}'s so
 * that every uplink connection, after bootstrap too, goes through the proxy.
 */
final class ChildKafka implements TestBroker {
    final int internalPort;
    final int externalPort;
    final int controllerPort;
    private final Path dir;
    private final Path config;
    private Process process;

    /** @param advertisedExternalPort the port clients are told for EXTERNAL (a proxy's), or 0 for the real one */
    ChildKafka(Path dir, int advertisedExternalPort, Map<String, String> extraConfig) throws Exception {
        this.dir = dir;
        this.internalPort = freePort();
        this.externalPort = freePort();
        this.controllerPort = freePort();
        Files.createDirectories(dir);
        int adv = advertisedExternalPort == 0 ? externalPort : advertisedExternalPort;
        StringBuilder sb = new StringBuilder();
        sb.append("process.roles=broker,controller\nnode.id=1\n")
                .append("controller.quorum.voters=1@127.0.0.1:").append(controllerPort).append('\n')
                .append("listeners=INTERNAL://127.0.0.1:").append(internalPort).append(",EXTERNAL://127.0.0.1:")
                .append(externalPort).append(",CONTROLLER://127.0.0.1:").append(controllerPort).append('\n')
                .append("advertised.listeners=INTERNAL://127.0.0.1:").append(internalPort)
                .append(",EXTERNAL://127.0.0.1:").append(adv).append('\n')
                .append("controller.listener.names=CONTROLLER\ninter.broker.listener.name=INTERNAL\n")
                .append("listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT\n")
                .append("log.dirs=").append(dir.resolve("data").toAbsolutePath()).append('\n')
                .append("offsets.topic.replication.factor=1\ntransaction.state.log.replication.factor=1\n")
                .append("transaction.state.log.min.isr=1\ngroup.initial.rebalance.delay.ms=0\n")
                .append("auto.create.topics.enable=false\nnum.partitions=1\n");
        extraConfig.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        config = dir.resolve("server.properties");
        Files.writeString(config, sb.toString());
        run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                dir.resolve("format.log")).waitFor(60, TimeUnit.SECONDS);
        start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Process run(List<String> mainAndArgs, Path logFile) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ChildJvm.java(), "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", ChildJvm.classPath()));
        cmd.addAll(mainAndArgs);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }

    /** Starts the broker (again) and waits until it answers on the internal listener. */
    void start() throws Exception {
        process = run(List.of("kafka.Kafka", config.toString()), dir.resolve("broker.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try (Admin a = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + internalPort))) {
            while (true) {
                try {
                    a.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker did not start; see " + dir.resolve("broker.log"), e);
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /** Stops the broker: a clean shutdown (SIGTERM) or, with {@code kill}, SIGKILL. */
    void stop(boolean kill) throws InterruptedException {
        if (process == null) {
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** For clients that must not go through a proxy (the test's own checks). */
    String internalBootstrap() {
        return "127.0.0.1:" + internalPort;
    }

    @Override
    public String bootstrap() {
        return "127.0.0.1:" + externalPort;
    }

    @Override
    public void close() throws Exception {
        stop(false);
    }
}
