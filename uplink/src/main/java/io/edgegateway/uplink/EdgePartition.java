package io.edgegateway.uplink;

/** One partition of a local topic: the unit whose position the uplink tracks. */
record EdgePartition(String topic, int partition) implements Comparable<EdgePartition> {
    @Override
    public int compareTo(EdgePartition o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
