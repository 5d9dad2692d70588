package io.edgegateway.uplink;

import io.edgegateway.log.LocalLog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forwarding process of the crash test: opens the local log, keeps appending events (the drivers) and
 * runs the uplink until it is killed with SIGKILL. Arguments: log directory, bootstrap servers, gateway id,
 * comma-separated topics. Prints "started" once the uplink runs.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> topics = Arrays.asList(args[3].split(","));
        LocalLog log = LocalLog.open(dir);
        Map<String, String> o = new HashMap<>();
        o.put("gateway.id", args[2]);
        o.put("topics", args[3]);
        o.put("kafka.bootstrap.servers", args[1]);
        o.put("offsets.topic.replication.factor", "1");
        o.put("batch.max.records", "300");
        // A secret the test looks for in this process's output: it must never be printed.
        o.put("kafka.ssl.truststore.password", "${env:EDGE_TEST_SECRET}");
        Uplink u = Uplink.start(log, UplinkOptions.parse(o));
        System.out.println("started " + u.transactionalId());
        try (Appender a = new Appender(log, topics, 20, 10)) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
