package io.edgegateway.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 that a test controls, to cut the network between the uplink and the broker:
 * {@link #dropConnections()} resets every open connection (as a NAT timeout or a modem reboot does);
 * {@link #blackHole(boolean)} keeps connections open and accepts new ones but moves no byte, the way a dead
 * mobile link looks to TCP; turning it off delivers what waited and forwards again. Two threads per connection, plain
 * blocking sockets.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackHole;
    private volatile boolean closed;

    TcpProxy(int port, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread t = new Thread(this::acceptLoop, "tcp-proxy-" + port);
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    // Black-holed: read nothing and forward nothing. Bytes pile up in the kernel buffers as
                    // packets would in a dead link; the client sees silence, not an error, until its own
                    // request timeouts fire and it drops the connection.
                    while (blackHole && !closed && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    while (blackHole && !closed && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended or was dropped
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Resets every open connection; new ones are accepted as usual. */
    void dropConnections() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException e) {
                // already gone
            }
            closeQuietly(s);
        }
    }

    void blackHole(boolean on) {
        blackHole = on;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnections();
    }
}
