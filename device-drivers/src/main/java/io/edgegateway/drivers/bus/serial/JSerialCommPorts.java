package io.edgegateway.drivers.bus.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;
import io.edgegateway.drivers.bus.SerialPorts;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens real serial ports through jSerialComm by explicit path. Symlinks such as
 * {@code /dev/serial/by-id/usb-...} and {@code /dev/serial0} are passed through unchanged: jSerialComm resolves
 * them, and port enumeration is never used because it does not list pseudo-terminals or by-id links. A missing
 * path is reported before jSerialComm is asked, so the error says "not found" rather than "cannot open".
 */
public final class JSerialCommPorts implements SerialPorts {
    @Override
    public SerialLink open(String path, SerialParams params) throws BusException {
        if (!Files.exists(Path.of(path))) {
            throw new BusException("serial port " + path + " not found (unplugged, or UART not enabled?)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new BusException("serial port " + path + " is invalid: " + e.getMessage(), e);
        }
        port.setComPortParameters(params.baud(), params.dataBits(), stopBits(params.stopBits()),
                parity(params.parity()));
        // jSerialComm sets ENOTTY as "last error" after opening a pseudo-terminal although the open worked,
        // so success is judged by openPort's result alone.
        if (!port.openPort()) {
            throw new BusException("cannot open serial port " + path + " (in use by another process, or no "
                    + "permission: is the user in the dialout group?)");
        }
        return new JSerialCommLink(port, path);
    }

    private static int stopBits(int stopBits) {
        return stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    private static int parity(SerialParams.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }
}
