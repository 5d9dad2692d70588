package io.edgegateway.gateway.state;

/** One audited action: who did what, when, with a human-readable detail. */
public record AuditEntry(long id, long timeMs, String actor, String action, String detail) {
}
