#!/usr/bin/env bash
# Uplink benchmark: drain a backlog of RECORDS events of SIZE bytes from the local log to a loopback Kafka
# broker (4.3.1, child JVM, 127.0.0.1) in exactly-once and at-least-once mode, against Kafka's own
# ProducerPerformance on the same broker with the same producer settings, in one run.
# Not part of `mvn verify`. Results: stdout and uplink/target/uplink-bench/results.txt.
#   usage: benchmarks/run-uplink-bench.sh [RECORDS=1000000] [SIZE=200]
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS="${1:-1000000}"
SIZE="${2:-200}"

# Compile both modules and write the uplink's test class path (local-log resolves to its target/classes
# inside the same reactor run; nothing is installed).
mvn -q -pl local-log,uplink -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/uplink-bench.classpath -Dmdep.includeScope=test
CP="$PWD/uplink/target/test-classes:$PWD/uplink/target/classes:$(cat uplink/target/uplink-bench.classpath)"

cd uplink
exec java -Xmx1g -cp "$CP" io.edgegateway.uplink.UplinkBench "$RECORDS" "$SIZE"
