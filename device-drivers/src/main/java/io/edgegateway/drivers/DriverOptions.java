package io.edgegateway.drivers;

/**
 * Marker for a driver's typed, immutable options (usually a record built from
 * {@link io.edgegateway.drivers.options.OptionValues}); the one thing every options class must tell the
 * gateway is which pins and buses the device occupies.
 */
public interface DriverOptions {
    Wiring wiring();
}
