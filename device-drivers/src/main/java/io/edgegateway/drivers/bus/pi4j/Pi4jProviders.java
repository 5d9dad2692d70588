package io.edgegateway.drivers.bus.pi4j;

/**
 * Which Pi4J provider ids serve each IO type, and the number to add to a BCM pin to get the provider's line
 * address. GpioD addresses lines on the header chip directly (offset 0); the LinuxFS GPIO provider uses the
 * global sysfs numbers, which start at the header chip's base (512 or more on recent kernels, see
 * {@link GpioChipLocator}). I2C and SPI always go through LinuxFS ({@code /dev/i2c-N}, {@code /dev/spidevB.C}),
 * which works on every Pi including the 5.
 */
public record Pi4jProviders(String digitalInput, String digitalOutput, String i2c, String spi,
                            int gpioAddressOffset) {

    /** GpioD for pins (Pi 3, 4 and 5; no root needed), LinuxFS for I2C and SPI. */
    public static Pi4jProviders gpiod() {
        return new Pi4jProviders("gpiod-digital-input", "gpiod-digital-output", "linuxfs-i2c", "linuxfs-spi", 0);
    }

    /** LinuxFS sysfs GPIO, for kernels without a usable GPIO character device; base from the header chip. */
    public static Pi4jProviders linuxFs(int headerChipBase) {
        return new Pi4jProviders("linuxfs-digital-input", "linuxfs-digital-output", "linuxfs-i2c", "linuxfs-spi",
                headerChipBase);
    }

    /** The ids for {@code provider}, with the header chip's sysfs base (used by LinuxFS only). */
    public static Pi4jProviders of(Pi4jContexts.GpioProvider provider, int headerChipBase) {
        return switch (provider) {
            case GPIOD -> gpiod();
            case LINUXFS -> linuxFs(headerChipBase);
        };
    }

    /** Pi4J's mock GPIO and SPI with a caller-chosen I2C provider (the simulator's register map). */
    public static Pi4jProviders mock(String i2cProviderId) {
        return new Pi4jProviders("mock-digital-input", "mock-digital-output", i2cProviderId, "mock-spi", 0);
    }
}
