#!/usr/bin/env bash
# Builds and runs the local-log benchmark; prints one table (Markdown) with every row measured in this run
# on this disk, medians of the rounds, ratios, and which targets are met. See docs/benchmarks.md.
#
#   benchmarks/run-log-bench.sh            full run (3 rounds; ~25 minutes on a 2-core machine)
#   ROUNDS=1 MEASURE_MS=500 benchmarks/run-log-bench.sh   quick look (not for the record)
#   SKIP_KAFKA=1 / SKIP_RECOVERY=1         leave those rows out
#   SECTIONS=read,recovery                 only some parts of the log process (append,read,recovery,heap)
#
# Data goes to benchmarks/target/bench-data (deleted as it goes), results to benchmarks/target/bench-results.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
WARMUP_MS=${WARMUP_MS:-300}
MEASURE_MS=${MEASURE_MS:-1000}
# C2 only (-TieredCompilation): no C1 tier and its profiled code (~10 MiB of code cache and compiler
# arenas in this process); TrimNativeHeapInterval hands freed compiler arenas back to the OS. Both apply to
# every row of this process alike (calibration, raw writer, log).
LOG_JVM_FLAGS=${LOG_JVM_FLAGS:--Xmx12m -XX:MaxDirectMemorySize=16m -XX:+UseSerialGC -XX:-TieredCompilation -XX:TrimNativeHeapInterval=1000}

start=$(date +%s)
echo "== build"
mvn -q -pl local-log,benchmarks -am package -DskipTests
cp_file=benchmarks/target/classpath.txt
cp="benchmarks/target/classes:$(cat "$cp_file")"
broker_cp=benchmarks/target/broker-classpath.txt
if [ -z "${SKIP_KAFKA:-}" ]; then
  # The broker's jars (kafka_2.13 and its Scala, Jackson, ... dependencies), resolved only here, never in the build.
  mvn -q -f benchmarks/kafka-broker/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$broker_cp" >/dev/null
else
  broker_cp=none
fi

work=benchmarks/target/bench-data
res=benchmarks/target/bench-results
rm -rf "$work" "$res"
mkdir -p "$work" "$res" benchmarks/target/tmp
props=(-Dbench.rounds="$ROUNDS" -Dbench.warmupMs="$WARMUP_MS" -Dbench.measureMs="$MEASURE_MS"
       -Dbench.skipRecovery="${SKIP_RECOVERY:-false}" -Dbench.sections="${SECTIONS:-append,read,recovery,heap}" -Djava.io.tmpdir="$PWD/benchmarks/target/tmp"
       -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), disk: $(df -h benchmarks/target | tail -1 | awk '{print $1, $2, "("$4" free)"}')"
echo "== local-log process ($LOG_JVM_FLAGS)"
# shellcheck disable=SC2086
# Two malloc arenas instead of 8 per core: the usual setting for a small JVM service (less RSS).
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java $LOG_JVM_FLAGS "${props[@]}" -cp "$cp" io.edgegateway.bench.Bench log "$work/log" "$res/log.tsv"
echo "== SQLite and Kafka process"
java -Xmx512m "${props[@]}" -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -cp "$cp" io.edgegateway.bench.Bench others "$work/others" "$res/others.tsv" "$broker_cp"

echo
java -cp "$cp" io.edgegateway.bench.Bench report "$res/log.tsv" "$res/others.tsv" | tee "$res/table.md"
echo
echo "(took $(( $(date +%s) - start )) s; table saved in $res/table.md)"
