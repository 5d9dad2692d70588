/**
 * The driver SPI: how a device type plugs into the gateway.
 *
 * <p>A device type implements {@link io.edgegateway.drivers.DriverType}: a kebab-case name as written in
 * config, a version for the {@code driver} header, an {@link io.edgegateway.drivers.options.OptionSchema}
 * declaring every option (key, type, unit, default, limits, description; the web page builds its form from
 * it), a {@code parse} method producing a typed immutable options record (implementing
 * {@link io.edgegateway.drivers.DriverOptions}, which tells the board validator the pins and buses used), and
 * {@code create}, which returns a fresh {@link io.edgegateway.drivers.Driver} over a
 * {@link io.edgegateway.drivers.bus.Buses}. Register the type in a {@link io.edgegateway.drivers.DriverRegistry}.
 *
 * <p>The {@link io.edgegateway.drivers.DriverSupervisor} runs each device on its own: it creates a driver,
 * calls {@code start} with a {@link io.edgegateway.drivers.DriverContext}, and from then on the driver works
 * from bus callbacks or tasks on the context's {@link io.edgegateway.drivers.Scheduler}. The driver reports
 * three things through the context: {@code emit} (a value map becomes a
 * {@link io.edgegateway.drivers.DeviceEvent} with device id as key, JSON value, event time and the headers in
 * {@link io.edgegateway.drivers.EventHeaders}, delivered to the {@link io.edgegateway.drivers.EventSink}),
 * {@code reject} (malformed input: counted per reason in {@link io.edgegateway.drivers.DriverMetrics}, logged,
 * never emitted, never thrown), and {@code fail} (the device broke: the supervisor stops that instance and
 * starts a new one after an exponential, jittered {@link io.edgegateway.drivers.BackoffPolicy} delay). A
 * {@link io.edgegateway.drivers.DeviceException} thrown from {@code start} does the same; only
 * {@code MISCONFIGURED} ends in {@link io.edgegateway.drivers.HealthState#FAILED}. Nothing a driver throws
 * reaches other drivers.
 *
 * <p>Writing a driver: keep decoding in a small pure class (bytes or edges in, decoded value or a reject
 * reason out) so it can be tested against datasheet vectors and random input without a bus; the driver class
 * only opens buses, feeds the decoder and emits. Take time only from the context's clock and scheduler, so
 * tests run with {@link io.edgegateway.drivers.sim.ManualTime}. Name event fields with their unit
 * ({@code temperature_c}) and reject reasons as short kebab-case constants.
 */
package io.edgegateway.drivers;
