package io.edgegateway.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The whole pipeline on an EmbeddedChannel: raw request bytes in, raw response bytes out, no sockets. */
class OpsHandlerTest {
    private final AtomicReference<Optional<String>> notReady = new AtomicReference<>(Optional.of("starting"));

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        new OpsPipeline(notReady::get, () -> "# HELP up\nup 1\n").configure(ch.pipeline(), false);
        return ch;
    }

    /** Sends raw bytes and returns everything written back, as text. */
    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    @Test
    void healthReadinessAndMetrics() {
        EmbeddedChannel ch = channel();
        String health = exchange(ch, "GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertTrue(health.startsWith("HTTP/1.1 200 OK\r\n"), health);
        assertTrue(health.endsWith("\r\n\r\nok\n"), health);
        String notYet = exchange(ch, "GET /readyz HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertTrue(notYet.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), notYet);
        assertTrue(notYet.endsWith("not ready: starting\n"), notYet);
        notReady.set(Optional.empty());
        String ready = exchange(ch, "GET /readyz?verbose HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertTrue(ready.startsWith("HTTP/1.1 200 OK\r\n") && ready.endsWith("ready\n"), ready);
        String metrics = exchange(ch, "GET /metrics HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertTrue(metrics.contains("content-type: text/plain; version=0.0.4; charset=utf-8\r\n"), metrics);
        assertTrue(metrics.endsWith("up 1\n"), metrics);
        assertTrue(ch.isOpen(), "keep-alive connections stay open");
        ch.finishAndReleaseAll();
    }

    @Test
    void wrongPathMethodAndHeadGetPlainAnswers() {
        EmbeddedChannel ch = channel();
        assertTrue(exchange(ch, "GET /admin HTTP/1.1\r\nHost: gw\r\n\r\n").startsWith("HTTP/1.1 404 Not Found\r\n"));
        String post = exchange(ch, "POST /healthz HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n\r\nhi");
        assertTrue(post.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), post);
        assertTrue(post.contains("allow: GET, HEAD\r\n"), post);
        String head = exchange(ch, "HEAD /healthz HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.endsWith("\r\n\r\n"), head);
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizedBodyGets413() {
        EmbeddedChannel ch = channel();
        String r = exchange(ch, "POST /metrics HTTP/1.1\r\nHost: gw\r\nContent-Length: " + (OpsPipeline.MAX_BODY + 1)
                + "\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), r);
        ch.finishAndReleaseAll();
    }

    @Test
    void tooLongHeadersAndGarbageGet400AndTheConnectionCloses() {
        EmbeddedChannel ch = channel();
        String r = exchange(ch, "GET /healthz HTTP/1.1\r\nHost: gw\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request\r\n"), r);
        assertTrue(r.contains("bad request: "), r);
        assertFalse(ch.isOpen(), "after a malformed request the connection is closed");
        EmbeddedChannel other = channel();
        String longLine = exchange(other, "GET /" + "x".repeat(5_000) + " HTTP/1.1\r\n\r\n");
        assertTrue(longLine.startsWith("HTTP/1.1 400 Bad Request\r\n"), longLine);
        EmbeddedChannel third = channel();
        String garbage = exchange(third, "\u0001\u0002 nonsense\r\n\r\n");
        assertTrue(garbage.startsWith("HTTP/1.1 400 Bad Request\r\n"), garbage);
        ch.finishAndReleaseAll();
        other.finishAndReleaseAll();
        third.finishAndReleaseAll();
    }
}
