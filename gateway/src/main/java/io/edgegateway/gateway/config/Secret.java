package io.edgegateway.gateway.config;

import java.util.Objects;

/**
 * A value that came from a secret reference ({@code ${env:NAME}} or {@code ${file:/path}}). It prints as its
 * reference, never as its value, so a secret cannot leak through a log line, an error message or a config
 * dump; only {@link #reveal()} gives the value, to the component that needs it (the uplink's password).
 * Two secrets are equal when their values are, so a rotated password counts as a config change.
 */
public final class Secret {
    private final String reference;
    private final String value;

    Secret(String reference, String value) {
        this.reference = reference;
        this.value = value;
    }

    /** The reference as written, without the {@code ${ }}, e.g. {@code env:KAFKA_PASSWORD}. */
    public String reference() {
        return reference;
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return "${" + reference + "}";
    }
}
