package io.edgegateway.drivers.mfrc522;

import static io.edgegateway.drivers.mfrc522.Iso14443aTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgegateway.drivers.bus.SpiDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterAccessTest {
    /** Records what goes out on MOSI and answers each byte position with a scripted MISO byte. */
    private static final class Wire implements SpiDevice {
        final List<byte[]> sent = new ArrayList<>();
        byte[] miso = new byte[0];

        @Override
        public void transfer(byte[] tx, byte[] rx, int length) {
            sent.add(Arrays.copyOf(tx, length));
            for (int i = 0; i < length; i++) {
                rx[i] = i < miso.length ? miso[i] : 0;
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void addressByteCarriesReadBitAndShiftedAddress() {
        // datasheet §8.1.2.3: bit 7 = 1 for read, bits 6..1 = address, bit 0 = 0
        assertEquals(0xEE, RegisterAccess.readAddress(0x37)); // VersionReg: 0x80 | 0x37 << 1
        assertEquals(0x02, RegisterAccess.writeAddress(0x01)); // CommandReg
        assertEquals(0x92, RegisterAccess.readAddress(0x09)); // FIFODataReg
        assertEquals(0x12, RegisterAccess.writeAddress(0x09));
        assertEquals(0x7E, RegisterAccess.writeAddress(0x3F)); // the highest register keeps bit 0 clear
    }

    @Test
    void readSendsAddressThenZeroAndTakesTheSecondByte() throws Exception {
        Wire wire = new Wire();
        wire.miso = bytes(0xFF, 0x92);
        assertEquals(0x92, new RegisterAccess(wire).read(0x37));
        assertArrayEquals(bytes(0xEE, 0x00), wire.sent.get(0));
    }

    @Test
    void fifoReadRepeatsTheAddressAndEndsWithZero() throws Exception {
        Wire wire = new Wire();
        wire.miso = bytes(0x00, 0x04, 0x00);
        assertArrayEquals(bytes(0x04, 0x00), new RegisterAccess(wire).readRepeated(0x09, 2));
        assertArrayEquals(bytes(0x92, 0x92, 0x00), wire.sent.get(0));
    }

    @Test
    void writesSendAddressOnceThenData() throws Exception {
        Wire wire = new Wire();
        RegisterAccess regs = new RegisterAccess(wire);
        regs.write(0x01, 0x0F);
        regs.writeRepeated(0x09, bytes(0x93, 0x20));
        assertArrayEquals(bytes(0x02, 0x0F), wire.sent.get(0));
        assertArrayEquals(bytes(0x12, 0x93, 0x20), wire.sent.get(1));
    }
}
