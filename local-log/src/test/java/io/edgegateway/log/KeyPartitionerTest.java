package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class KeyPartitionerTest {

    @Property(tries = 2000)
    void sameHashAsKafka(@ForAll @Size(max = 64) byte[] key) {
        assertEquals(Utils.murmur2(key), KeyPartitioner.murmur2(key));
    }

    @Property(tries = 2000)
    void samePartitionAsKafkasDefaultPartitioner(@ForAll @Size(max = 40) byte[] key,
            @ForAll @IntRange(min = 1, max = 512) int partitions) {
        assertEquals(BuiltInPartitioner.partitionForKey(key, partitions), KeyPartitioner.partition(key, partitions));
    }

    @Test
    void knownValuesFromKafkasOwnTests() {
        // The vectors of Kafka's UtilsTest.testMurmur2.
        assertEquals(-973932308, KeyPartitioner.murmur2(b("21")));
        assertEquals(-790332482, KeyPartitioner.murmur2(b("foobar")));
        assertEquals(-985981536, KeyPartitioner.murmur2(b("a-little-bit-long-string")));
        assertEquals(-1486304829, KeyPartitioner.murmur2(b("a-little-bit-longer-string")));
        assertEquals(-58897971, KeyPartitioner.murmur2(b("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8")));
        assertEquals(479470107, KeyPartitioner.murmur2(new byte[] {'a', 'b', 'c'}));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
