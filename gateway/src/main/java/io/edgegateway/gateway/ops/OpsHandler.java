package io.edgegateway.gateway.ops;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the operations endpoints: {@code GET /healthz} (200 while the process serves requests, with status
 * lines such as the uplink's state after the "ok"; a gateway whose central cluster is unreachable is still
 * alive and still ready, because storing events locally is its job),
 * {@code GET /readyz} (200 when {@link Readiness} says so, else 503 with the reason) and {@code GET /metrics}
 * (Prometheus text). A request the decoder could not parse gets 400, another method 405, another path 404;
 * nothing a client sends makes it throw. Stateless and shareable across channels.
 */
@ChannelHandler.Sharable
final class OpsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(OpsHandler.class);
    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Readiness readiness;
    private final Supplier<String> metrics;
    private final Supplier<String> status;

    OpsHandler(Readiness readiness, Supplier<String> metrics, Supplier<String> status) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.status = status;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            send(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad request: " + req.decoderResult().cause().getMessage()
                    + "\n", false);
            return;
        }
        String path = req.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        boolean known = path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics");
        if (!known) {
            send(ctx, req, HttpResponseStatus.NOT_FOUND, "not found; try /healthz, /readyz or /metrics\n", true);
            return;
        }
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n", "text/plain; charset=utf-8");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            write(ctx, req, r, true);
            return;
        }
        switch (path) {
            case "/healthz" -> send(ctx, req, HttpResponseStatus.OK, "ok\n" + status(), true);
            case "/readyz" -> {
                Optional<String> why = readiness.notReadyReason();
                send(ctx, req, why.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        why.map(w -> "not ready: " + w + "\n").orElse("ready\n"), true);
            }
            default -> write(ctx, req, response(HttpResponseStatus.OK, metrics.get(), PROMETHEUS_TYPE), true);
        }
    }

    /** Liveness must not depend on a status source: a failing one is reported in the body, not as an error. */
    private String status() {
        try {
            return status.get();
        } catch (RuntimeException e) {
            return "status unavailable: " + e + "\n";
        }
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String body,
                             boolean keepAliveAllowed) {
        write(ctx, req, response(status, body, "text/plain; charset=utf-8"), keepAliveAllowed);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body, String type) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r, boolean keepAliveAllowed) {
        if (req.method().equals(HttpMethod.HEAD)) {
            r.content().clear();
        }
        boolean keepAlive = keepAliveAllowed && HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(r, keepAlive);
        var f = ctx.writeAndFlush(r);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset connection or a bug in a supplier: log it, close this connection, keep serving others.
        LOG.debug("ops connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
