package io.edgegateway.gateway.clock;

import java.io.IOException;
import java.util.Optional;

/**
 * Where {@link ChronySignal} gets chrony's tracking report ({@code chronyc -c tracking}, one CSV line). A seam
 * so tests feed recorded outputs instead of needing a running chronyd.
 */
@FunctionalInterface
public interface ChronyTracking {
    /**
     * The report, or empty when chronyc is not installed.
     *
     * @throws IOException when chronyc ran but gave no report (chronyd not running, timeout, exit code)
     */
    Optional<String> query() throws IOException;
}
