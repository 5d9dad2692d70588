package io.edgegateway.gateway.ops;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd the gateway is ready ({@code READY=1}), alive ({@code WATCHDOG=1}) and stopping
 * ({@code STOPPING=1}) when it runs as a {@code Type=notify} service, i.e. when {@code NOTIFY_SOCKET} is set;
 * otherwise every call does nothing.
 *
 * <p>Why a child process: the notify socket is a Unix datagram socket, and Java 17 can open Unix sockets
 * only as streams ({@code UnixDomainSocketAddress} works with {@code SocketChannel}, not
 * {@code DatagramChannel}). Rather than add a native library, the gateway runs {@code systemd-notify
 * --pid=<own pid>}, which ships with systemd. Because the message then comes from a child, the unit needs
 * {@code NotifyAccess=all}. Since systemd 246, {@code systemd-notify} waits until the manager has processed
 * the message, which closes the old race where a short-lived sender could not be attributed to the service.
 * A watchdog ping every {@code WATCHDOG_USEC / 2} costs one short process, which a Pi handles easily at the
 * usual intervals (tens of seconds). The environment and the command runner are parameters for tests.
 */
public final class SystemdNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);

    /** Runs a command and returns its exit code. */
    @FunctionalInterface
    public interface CommandRunner {
        int run(List<String> command) throws IOException, InterruptedException;
    }

    private final Map<String, String> env;
    private final long pid;
    private final CommandRunner runner;
    private boolean warned;

    public SystemdNotifier(Map<String, String> env, long pid, CommandRunner runner) {
        this.env = Map.copyOf(env);
        this.pid = pid;
        this.runner = runner;
    }

    /** From this process's environment, running {@code systemd-notify} with a 5 s limit. */
    public static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(System.getenv(), ProcessHandle.current().pid(), command -> {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        });
    }

    public boolean enabled() {
        return env.containsKey("NOTIFY_SOCKET");
    }

    /**
     * How often to ping the watchdog: half of {@code WATCHDOG_USEC} (systemd's own advice), when the watchdog
     * is on and meant for this process ({@code WATCHDOG_PID}, if set, is ours).
     */
    public Optional<Duration> watchdogInterval() {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (!enabled() || usec == null || (forPid != null && !forPid.strip().equals(Long.toString(pid)))) {
            return Optional.empty();
        }
        try {
            long us = Long.parseLong(usec.strip());
            return us > 0 ? Optional.of(Duration.ofNanos(us * 1_000 / 2)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void ready(String status) {
        send("READY=1", "STATUS=" + status);
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    public void stopping() {
        send("STOPPING=1");
    }

    private synchronized void send(String... assignments) {
        if (!enabled()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("systemd-notify", "--pid=" + pid));
        command.addAll(List.of(assignments));
        try {
            int code = runner.run(command);
            if (code != 0) {
                warnOnce("systemd-notify exited with " + code + " (does the unit set NotifyAccess=all?)");
            }
        } catch (IOException e) {
            warnOnce("cannot run systemd-notify: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            LOG.warn("{}; systemd will not hear from the gateway", message);
        }
    }
}
