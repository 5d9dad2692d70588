package io.edgegateway.gateway.ops;

import java.util.Optional;

/**
 * Whether the gateway is ready for work, for {@code /readyz}: empty when ready, else why not ("starting",
 * "the log is closed"). Liveness ({@code /healthz}) needs no such check: answering at all is the proof.
 */
@FunctionalInterface
public interface Readiness {
    Optional<String> notReadyReason();
}
