package io.edgegateway.log;

/**
 * Maps a key to a partition exactly as Kafka's default partitioner does for keyed records:
 * {@code (murmur2(key) & 0x7fffffff) % partitions}, with the murmur2 variant and seed (0x9747b28c) of
 * {@code org.apache.kafka.common.utils.Utils.murmur2}. So a device's events land in the same partition
 * number here and on a central topic with the same partition count. Records without a key are spread
 * round-robin by the log (Kafka's sticky partitioner has no stable mapping to copy).
 */
public final class KeyPartitioner {
    private KeyPartitioner() {
    }

    public static int partition(byte[] key, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be > 0, was " + partitions);
        }
        return (murmur2(key) & 0x7fffffff) % partitions;
    }

    /** Kafka's murmur2: 32-bit MurmurHash2 over little-endian 4-byte blocks. */
    @SuppressWarnings("fallthrough")
    public static int murmur2(byte[] data) {
        int length = data.length;
        final int seed = 0x9747b28c;
        final int m = 0x5bd1e995;
        final int r = 24;
        int h = seed ^ length;
        int length4 = length / 4;
        for (int i = 0; i < length4; i++) {
            final int i4 = i * 4;
            int k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16)
                    + ((data[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        switch (length % 4) {
            case 3:
                h ^= (data[(length & ~3) + 2] & 0xff) << 16;
            case 2:
                h ^= (data[(length & ~3) + 1] & 0xff) << 8;
            case 1:
                h ^= data[length & ~3] & 0xff;
                h *= m;
            default:
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }
}
