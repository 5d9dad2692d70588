package io.edgegateway.drivers.bus.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import java.nio.file.Path;

/**
 * Builds the Pi4J context for real hardware with exactly the providers the board config names, instead of
 * Pi4J's auto-detection (which picks one provider per IO type by priority, and loads only mocks when the mock
 * plugin is on the classpath). Building a context touches no hardware: the providers open chips and device
 * files only when an IO is created, so a missing chip shows up per device, not here.
 */
public final class Pi4jContexts {
    /** GPIO provider family, as written in board configs ({@code gpiod} or {@code linuxfs}). */
    public enum GpioProvider { GPIOD, LINUXFS }

    private Pi4jContexts() {
    }

    /**
     * @param sysClassGpio the sysfs GPIO folder the LinuxFS GPIO provider exports pins in, normally
     *                     {@link GpioChipLocator#DEFAULT_ROOT}; unused by GpioD
     */
    public static Context newContext(GpioProvider provider, Path sysClassGpio) {
        return switch (provider) {
            case GPIOD -> Pi4J.newContextBuilder().noAutoDetect()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                            LinuxFsI2CProvider.newInstance(), LinuxFsSpiProvider.newInstance())
                    .build();
            case LINUXFS -> Pi4J.newContextBuilder().noAutoDetect()
                    .add(LinuxFsDigitalInputProvider.newInstance(sysClassGpio.toString()),
                            LinuxFsDigitalOutputProvider.newInstance(sysClassGpio.toString()),
                            LinuxFsI2CProvider.newInstance(), LinuxFsSpiProvider.newInstance())
                    .build();
        };
    }
}
