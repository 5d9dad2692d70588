package io.edgegateway.drivers.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.bus.pi4j.GpioChipLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpioChipLocatorTest {
    @TempDir
    Path sys;

    private void chip(String dir, String label, int base, int lines, String charDev) throws Exception {
        Path d = Files.createDirectories(sys.resolve(dir));
        Files.writeString(d.resolve("label"), label + "\n");
        Files.writeString(d.resolve("base"), base + "\n");
        Files.writeString(d.resolve("ngpio"), lines + "\n");
        Files.createDirectories(d.resolve("device").resolve(charDev));
    }

    /** A Pi 5 on a kernel before 6.6.45: SoC banks first, the header's RP1 chip fifth. */
    @Test
    void findsPi5HeaderChipByLabelNotNumber() throws Exception {
        chip("gpiochip512", "gpio-brcmstb@107d508500", 512, 32, "gpiochip0");
        chip("gpiochip544", "gpio-brcmstb@107d508520", 544, 4, "gpiochip1");
        chip("gpiochip548", "gpio-brcmstb@107d517c00", 548, 17, "gpiochip2");
        chip("gpiochip565", "gpio-brcmstb@107d517c20", 565, 6, "gpiochip3");
        chip("gpiochip571", "pinctrl-rp1", 571, 54, "gpiochip4");
        Files.createDirectories(sys.resolve("gpiochip999")); // half-registered: no files
        GpioChipLocator.Chip rp1 = new GpioChipLocator(sys).find("pinctrl-rp1").orElseThrow();
        assertEquals(571, rp1.base());
        assertEquals(54, rp1.lines());
        assertEquals(Optional.of("gpiochip4"), rp1.charDevice());
        assertEquals(5, new GpioChipLocator(sys).chips().size());
    }

    @Test
    void missingLabelOrFolderIsEmpty() throws Exception {
        chip("gpiochip512", "pinctrl-bcm2711", 512, 58, "gpiochip0");
        assertTrue(new GpioChipLocator(sys).find("pinctrl-rp1").isEmpty());
        assertTrue(new GpioChipLocator(sys.resolve("absent")).chips().isEmpty());
    }
}
