package io.edgegateway.gateway.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The small Netty HTTP server for {@code /healthz}, {@code /readyz} and {@code /metrics}, on the web
 * listener's address. One event-loop thread: these endpoints answer in microseconds, and on a Pi every idle
 * thread still costs memory. {@link #close} stops accepting and waits at most a few seconds.
 */
public final class OpsServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;

    private OpsServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds and starts serving; a port of 0 picks a free one (see {@link #address}). */
    public static OpsServer start(String bind, int port, Readiness readiness, Supplier<String> metrics)
            throws InterruptedException {
        return start(bind, port, readiness, metrics, () -> "");
    }

    /** @param status lines {@code /healthz} adds after "ok", such as the uplink's state */
    public static OpsServer start(String bind, int port, Readiness readiness, Supplier<String> metrics,
                                  Supplier<String> status) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new OpsPipeline(readiness, metrics, status)).bind(bind, port).sync().channel();
            return new OpsServer(group, ch);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The address actually bound (the port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
