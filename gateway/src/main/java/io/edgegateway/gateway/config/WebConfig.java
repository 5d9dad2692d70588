package io.edgegateway.gateway.config;

/**
 * Where the web page, REST API, health and metrics endpoints listen. The default binds to loopback only: a
 * freshly installed gateway should not offer its page to the whole network before its admin password is
 * set; write {@code bind: 0.0.0.0} to reach it from other machines.
 */
public record WebConfig(int port, String bind) {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND = "127.0.0.1";

    public static WebConfig defaults() {
        return new WebConfig(DEFAULT_PORT, DEFAULT_BIND);
    }
}
