package io.edgegateway.gateway.ops;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.function.Supplier;

/**
 * The HTTP pipeline, in one place so tests run exactly it on an {@code EmbeddedChannel}: a read timeout (a
 * slow or idle client cannot hold a connection), the HTTP codec with limits on the request line (4 KiB) and
 * headers (8 KiB), which mark a longer request as failed instead of buffering it, an aggregator capped at
 * {@value #MAX_BODY} bytes, which answers 413 itself to a larger declared body, and the {@link OpsHandler}.
 * The endpoints take no body at all; the cap only keeps a misbehaving client from using memory.
 */
final class OpsPipeline extends ChannelInitializer<SocketChannel> {
    static final int MAX_BODY = 16 * 1024;
    private final OpsHandler handler;

    OpsPipeline(Readiness readiness, Supplier<String> metrics) {
        this(readiness, metrics, () -> "");
    }

    OpsPipeline(Readiness readiness, Supplier<String> metrics, Supplier<String> status) {
        this.handler = new OpsHandler(readiness, metrics, status);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        configure(ch.pipeline(), true);
    }

    /** Adds the handlers; tests leave the timeout out because an embedded channel has no real clock. */
    void configure(ChannelPipeline p, boolean withTimeout) {
        if (withTimeout) {
            p.addLast(new ReadTimeoutHandler(30));
        }
        p.addLast(new HttpServerCodec(4096, 8192, 8192));
        p.addLast(new HttpServerKeepAliveHandler());
        p.addLast(new HttpObjectAggregator(MAX_BODY));
        p.addLast(handler);
    }
}
