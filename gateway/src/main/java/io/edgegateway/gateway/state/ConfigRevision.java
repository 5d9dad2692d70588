package io.edgegateway.gateway.state;

/** One stored version of {@code gateway.yaml}: its number, when, who, why, and the full text as written. */
public record ConfigRevision(long revision, long createdMs, String author, String comment, String text) {
}
