package io.edgegateway.log;

import java.util.Map;

/**
 * Counters of an open log: bytes on disk (everything the log keeps) against the budget (-1 if none),
 * records dropped per topic by retention or the budget, what recovery cut at open, fsyncs done and failed,
 * appends refused by a failed write, and set-aside corrupt tails ({@code .corrupt} files) the budget deleted.
 */
public record LogStats(long diskBytes, long diskBudgetBytes, Map<String, Long> droppedRecords, long recoveredCuts,
        long recoveredCutBytes, long fsyncs, long fsyncFailures, long appendFailures, long corruptFilesDeleted) {
}
