package io.edgegateway.drivers.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgegateway.drivers.sim.SimulatedSerialDevice;
import io.edgegateway.drivers.sim.SimulatedSerialPorts;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimulatedSerialTest {
    private final SimulatedSerialPorts ports = new SimulatedSerialPorts();

    @Test
    void bytesFlowBothWaysAndReadsTimeOut() throws Exception {
        SimulatedSerialDevice dev = ports.attach("/dev/serial0");
        try (SerialLink link = ports.open("/dev/serial0", SerialParams.of8N1(9600))) {
            assertEquals(9600, dev.hostParams().baud());
            dev.write("$GPGGA".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[16];
            int n = link.read(buf, 0, buf.length, 100);
            assertEquals("$GPGGA", new String(buf, 0, n, StandardCharsets.US_ASCII));
            assertEquals(0, link.read(buf, 0, buf.length, 10));
            link.write(new byte[] {1, 2, 3}, 0, 3);
            assertEquals(3, dev.readFromHost(buf, 100));
        }
    }

    @Test
    void unplugFailsReadsAndLaterOpens() throws Exception {
        SimulatedSerialDevice dev = ports.attach("/dev/ttyUSB0");
        SerialLink link = ports.open("/dev/ttyUSB0", SerialParams.of8N1(115200));
        dev.unplug();
        assertThrows(BusException.class, () -> link.read(new byte[4], 0, 4, 1000));
        assertThrows(BusException.class, () -> ports.open("/dev/ttyUSB0", SerialParams.of8N1(115200)));
        assertThrows(BusException.class, () -> ports.open("/dev/ttyACM9", SerialParams.of8N1(115200)));
    }

    @Test
    void overrunIsBoundedAndCounted() throws Exception {
        SimulatedSerialDevice dev = ports.attach("/dev/ttyS0");
        try (SerialLink link = ports.open("/dev/ttyS0", SerialParams.of8N1(9600))) {
            dev.write(new byte[SimulatedSerialPorts.CAPACITY + 10]);
            assertEquals(10, dev.overruns());
            byte[] buf = new byte[SimulatedSerialPorts.CAPACITY * 2];
            assertEquals(SimulatedSerialPorts.CAPACITY, link.read(buf, 0, buf.length, 10));
        }
    }
}
