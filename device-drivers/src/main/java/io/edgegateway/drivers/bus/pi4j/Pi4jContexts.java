package io.edgegateway.drivers.bus.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import io.edgegateway.drivers.DeviceException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Builds the Pi4J context for real hardware with exactly the providers the board config names, instead of
 * Pi4J's auto-detection (which picks one provider per IO type by priority, and loads only mocks when the mock
 * plugin is on the classpath). The header GPIO chip is located by label first: with LinuxFS its base gives
 * the sysfs numbers; with GpioD its absence means the board config does not match the machine.
 */
public final class Pi4jContexts {
    /** GPIO provider family, as written in board configs ({@code gpiod} or {@code linuxfs}). */
    public enum GpioProvider { GPIOD, LINUXFS }

    /** A context and the matching provider ids; close the context on shutdown. */
    public record Hardware(Context context, Pi4jProviders providers) {
    }

    private Pi4jContexts() {
    }

    /**
     * @param headerChipLabel label of the GPIO controller behind the 40-pin header, e.g. {@code pinctrl-rp1}
     * @param sysClassGpio    the sysfs GPIO folder, normally {@link GpioChipLocator#DEFAULT_ROOT}
     */
    public static Hardware forBoard(GpioProvider provider, String headerChipLabel, Path sysClassGpio)
            throws DeviceException {
        GpioChipLocator.Chip chip;
        try {
            chip = new GpioChipLocator(sysClassGpio).find(headerChipLabel).orElseThrow(() -> new DeviceException(
                    DeviceException.Kind.MISCONFIGURED, "no GPIO controller labelled '" + headerChipLabel
                    + "' under " + sysClassGpio + "; is the board config right for this machine?"));
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Kind.UNAVAILABLE, "cannot list GPIO controllers: " + e, e);
        }
        return switch (provider) {
            case GPIOD -> new Hardware(Pi4J.newContextBuilder().noAutoDetect()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                            LinuxFsI2CProvider.newInstance(), LinuxFsSpiProvider.newInstance())
                    .build(), Pi4jProviders.gpiod());
            case LINUXFS -> new Hardware(Pi4J.newContextBuilder().noAutoDetect()
                    .add(LinuxFsDigitalInputProvider.newInstance(sysClassGpio.toString()),
                            LinuxFsDigitalOutputProvider.newInstance(sysClassGpio.toString()),
                            LinuxFsI2CProvider.newInstance(), LinuxFsSpiProvider.newInstance())
                    .build(), Pi4jProviders.linuxFs(chip.base()));
        };
    }
}
