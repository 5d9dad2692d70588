/**
 * Narrow bus interfaces drivers are written against: GPIO input and output, I2C register device, SPI
 * device, serial link, the Linux 1-Wire sysfs bus and an MQTT client. Each has a real adapter in a
 * sub-package ({@code pi4j}, {@code serial}, {@code w1}, {@code paho}), put together for one board by
 * {@link io.edgegateway.drivers.bus.hardware.HardwareBuses}, and a simulated counterpart in
 * {@link io.edgegateway.drivers.sim}, so driver code runs unchanged on a Raspberry Pi, a laptop and in tests.
 * All failures surface as the checked {@link io.edgegateway.drivers.bus.BusException}.
 */
package io.edgegateway.drivers.bus;
