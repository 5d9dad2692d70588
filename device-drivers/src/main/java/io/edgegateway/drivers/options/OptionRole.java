package io.edgegateway.drivers.options;

/**
 * What an option's value refers to outside the driver, so the board validator can check it without knowing
 * the driver: a GPIO pin (BCM number) it occupies, or a board bus it needs. Most options are {@link #PLAIN}.
 */
public enum OptionRole {
    PLAIN,
    /** The value is a BCM GPIO number the device is wired to; no other device may use it. */
    GPIO_PIN,
    /** The value names a board bus (e.g. {@code i2c-1}, {@code w1}) the device needs enabled. */
    BUS
}
