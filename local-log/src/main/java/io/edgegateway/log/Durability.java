package io.edgegateway.log;

/**
 * When an append is acknowledged, per topic. The promise each policy makes:
 *
 * <ul>
 *   <li>{@link #ALWAYS}: the append returns only after the bytes are written and {@code fsync}ed. An
 *       acknowledged record survives a process kill and a power cut. Concurrent appenders to a partition
 *       share one fsync (group commit), so throughput grows with the number of appenders.
 *   <li>{@link #INTERVAL}: the append returns once the bytes are handed to the operating system (they
 *       survive a process kill); a background flusher fsyncs every {@code flushIntervalMs} (default 200 ms)
 *       and after every 4 MiB written, while appends go on. A power cut loses at most the records
 *       acknowledged since the start of the last fsync that completed: the last {@code flushIntervalMs}
 *       plus the time that fsync took. With {@code flushIntervalBytes} set (no byte limit by default), the
 *       append whose batch takes the unsynced bytes past it also fsyncs before it is acknowledged, so the
 *       loss is bounded in bytes too, at the price of fsyncs on the append path.
 *   <li>{@link #OS}: the append returns once the bytes are handed to the operating system (they survive a
 *       process kill); the log fsyncs when a segment is sealed and on close, and in the background every 4 MiB
 *       written (so sealing never has a whole segment to flush at once). A power cut may lose whatever the
 *       kernel had not yet written back (on Linux, typically up to 30 s).
 * </ul>
 *
 * Under every policy the log itself stays consistent: recovery cuts a torn tail at the first bad batch,
 * so a record is either returned intact or not at all.
 */
public enum Durability {
    ALWAYS,
    INTERVAL,
    OS
}
