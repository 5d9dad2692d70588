package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Crc32cCombineTest {

    private static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    @Property(tries = 1000)
    void joinsTheCrcsOfTwoParts(@ForAll @Size(max = 300) byte[] a, @ForAll @Size(max = 300) byte[] b) {
        byte[] ab = new byte[a.length + b.length];
        System.arraycopy(a, 0, ab, 0, a.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        assertEquals(crc(ab, 0, ab.length), Crc32cCombine.combine(crc(a, 0, a.length), crc(b, 0, b.length), b.length));
    }

    @Test
    void joinsLongParts() {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        for (int split : new int[] {0, 1, 12, 4095, 65536, 1 << 19, (1 << 20) - 1, 1 << 20}) {
            int whole = crc(data, 0, data.length);
            assertEquals(whole, Crc32cCombine.combine(crc(data, 0, split), crc(data, split, data.length - split),
                    data.length - split), "split at " + split);
        }
    }

    @Test
    void batchCrcFromItsBodyEqualsTheWholeComputation() {
        Random rnd = new Random(11);
        for (int i = 0; i < 200; i++) {
            ByteBuffer buf = ByteBuffer.allocate(Batch.HEADER_SIZE + rnd.nextInt(70_000));
            byte[] body = new byte[buf.capacity() - Batch.HEADER_SIZE];
            rnd.nextBytes(body);
            buf.position(Batch.HEADER_SIZE);
            buf.put(body);
            Batch.sealHeader(buf, 0, 0, 1 + rnd.nextInt(1000), rnd.nextLong(), rnd.nextLong());
            int bodyCrc = Batch.bodyCrc(buf, 0);
            buf.putLong(Batch.OFFSET_POS, rnd.nextLong() & Long.MAX_VALUE);
            int expected = Batch.crc(buf, 0, buf.getInt(Batch.LENGTH_POS));
            Batch.putCrc(buf, 0, bodyCrc);
            assertEquals(expected, buf.getInt(Batch.CRC_POS), "batch " + i);
        }
    }
}
