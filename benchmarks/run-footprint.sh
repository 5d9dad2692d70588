#!/usr/bin/env bash
# Footprint of the gateway service with simulated devices: start-up time to the first 200 on /readyz,
# resident memory and heap while the log takes 1,000 events/s, and CPU when idle. Not part of `mvn verify`.
#
#   usage: benchmarks/run-footprint.sh [MINUTES]     load phase of MINUTES (default 10), 5 starts, 60 s idle
#          benchmarks/run-footprint.sh --quick       1-minute load phase, 3 starts, 20 s idle (a smoke test)
#
# JVM flags come from JAVA_OPTS (default: -Xmx64m alone, the reference configuration); try others with e.g.
# JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" benchmarks/run-footprint.sh --quick. Each run uses a data
# directory of its own from mktemp and a free loopback port, so it does not disturb a gateway already running.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=10 STARTS=5 IDLE_S=60 RATE=1000 SAMPLE_S=10
if [[ "${1:-}" == "--quick" ]]; then
    MINUTES=1 STARTS=3 IDLE_S=20
elif [[ -n "${1:-}" ]]; then
    [[ "$1" =~ ^[0-9]+$ && "$1" -gt 0 ]] || { echo "MINUTES must be a positive whole number, was '$1'" >&2; exit 2; }
    MINUTES="$1"
fi
JAVA_OPTS="${JAVA_OPTS:--Xmx64m}"
JAR=gateway/target/edge-gateway.jar
if [[ ! -f "$JAR" ]]; then
    echo "building $JAR" >&2
    mvn -q -o -DskipTests package
fi
for tool in curl jcmd; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

WORK="$(mktemp -d)"
PID=""
cleanup() {
    if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts the gateway in the background on a fresh data dir: sets PID, PORT and DATA.
start_gateway() {
    local rate="$1" name="$2"
    DATA="$WORK/$name"
    mkdir -p "$DATA"
    PORT="$(free_port)"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Xlog:gc:file="$DATA/gc.log" -jar "$JAR" run --simulate --data-dir "$DATA" \
        --boards board-configs --web-port "$PORT" --rate "$rate" >"$DATA/out.txt" 2>"$DATA/err.txt" &
    PID=$!
}

stop_gateway() {
    kill -TERM "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=""
}

wait_ready() {
    local deadline=$((SECONDS + 60))
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz" 2>/dev/null)" == 200 ]]; do
        if ! kill -0 "$PID" 2>/dev/null || ((SECONDS > deadline)); then
            echo "the gateway did not become ready; its output:" >&2
            cat "$DATA/out.txt" "$DATA/err.txt" >&2
            exit 1
        fi
        sleep 0.02
    done
}

status_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$PID/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
# Median and max of numbers on stdin (one per line).
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "n/a"; else print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
maximum() { sort -n | tail -1; }
mb() { awk '{ printf "%.1f\n", $1 / 1024 }'; }

echo "machine load before: $(uptime)"
echo "JAVA_OPTS: $JAVA_OPTS"

# (a) start-up: JVM start to the first 200 on /readyz. One untimed start first, so every timed one finds the
# jar in the page cache, as a service restarted on a running board does.
start_gateway 0 warmup && wait_ready && stop_gateway
: >"$WORK/starts.txt"
for i in $(seq 1 "$STARTS"); do
    t0=$(date +%s%N)
    start_gateway 0 "start$i"
    wait_ready
    echo $((($(date +%s%N) - t0) / 1000000)) >>"$WORK/starts.txt"
    stop_gateway
done
START_MED=$(median <"$WORK/starts.txt")
echo "starts (ms): $(tr '\n' ' ' <"$WORK/starts.txt")"

# (b) memory at RATE events/s for MINUTES: VmRSS, VmHWM every SAMPLE_S; heap used after each GC from the GC log.
start_gateway "$RATE" load
wait_ready
: >"$WORK/rss.txt"
: >"$WORK/heap.txt"
end=$((SECONDS + MINUTES * 60))
while ((SECONDS < end)); do
    sleep "$SAMPLE_S"
    status_kb VmRSS >>"$WORK/rss.txt"
    # Used heap right now (between collections), for the record next to the after-GC figure.
    jcmd "$PID" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); print v; exit } }' >>"$WORK/heap.txt" || true
done
HWM_KB=$(status_kb VmHWM)
METRICS="$(curl -s "http://127.0.0.1:$PORT/metrics")"
stop_gateway
APPENDED=$(awk '/^stopped:/ { print $2 }' "$DATA/out.txt")
DROPPED=$(awk '/^stopped:/ { print $5 }' "$DATA/out.txt")
LOAD_APPENDED=$(printf '%s\n' "$METRICS" | awk '/^edge_device_events_appended_total/ && /load-/ { s += $2 } END { printf "%d\n", s }')
# After-GC heap per collection: "GC(n) Pause ... 40M->12M(64M)" -> 12 (MB).
sed -n 's/.* [0-9.]*[KMG]->\([0-9.]*\)\([KMG]\)(.*/\1 \2/p' "$DATA/gc.log" |
    awk '{ v = $1; if ($2 == "K") v /= 1024; if ($2 == "G") v *= 1024; print v }' >"$WORK/aftergc.txt"
GCS=$(wc -l <"$WORK/aftergc.txt")
RSS_MAX=$(maximum <"$WORK/rss.txt" | mb)
RSS_MED=$(median <"$WORK/rss.txt" | mb)
HWM=$(echo "$HWM_KB" | mb)
AGC_MAX=$(maximum <"$WORK/aftergc.txt")
AGC_MED=$(median <"$WORK/aftergc.txt")
HEAP_MAX=$(maximum <"$WORK/heap.txt" | mb)
HEAP_MED=$(median <"$WORK/heap.txt" | mb)
EXPECTED=$((RATE * MINUTES * 60))

# (c) idle CPU: no synthetic load, only the simulated devices (a few events a second), after 10 s to settle.
start_gateway 0 idle
wait_ready
sleep 10
TCK=$(getconf CLK_TCK)
c0=$(cpu_ticks)
sleep "$IDLE_S"
c1=$(cpu_ticks)
IDLE_RSS=$(status_kb VmRSS | mb)
stop_gateway
IDLE_PCT=$(awk -v d=$((c1 - c0)) -v t="$TCK" -v s="$IDLE_S" 'BEGIN { printf "%.2f", d / t / s * 100 }')

pass() { awk -v m="$1" -v t="$2" 'BEGIN { print (m != "n/a" && m + 0 <= t + 0) ? "yes" : "NO" }'; }
echo "machine load after: $(uptime)"
echo
echo "events at $RATE/s for $MINUTES min: $APPENDED appended in all ($LOAD_APPENDED synthetic per /metrics, $EXPECTED scheduled), $DROPPED dropped; $GCS collections"
echo
printf '| %-44s | %-10s | %-26s | %-4s |\n' "Measure" "Target" "Measured" "Met"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..28})" "------"
printf '| %-44s | %-10s | %-26s | %-4s |\n' "JVM start to first 200 on /readyz (median of $STARTS)" "<= 3000 ms" "$START_MED ms" "$(pass "$START_MED" 3000)"
printf '| %-44s | %-10s | %-26s | %-4s |\n' "RSS at $RATE events/s, max (median)" "<= 160 MB" "$RSS_MAX ($RSS_MED) MB" "$(pass "$RSS_MAX" 160)"
printf '| %-44s | %-10s | %-26s | %-4s |\n' "VmHWM (peak RSS) at the end of the load phase" "<= 160 MB" "$HWM MB" "$(pass "$HWM" 160)"
printf '| %-44s | %-10s | %-26s | %-4s |\n' "Heap used after GC, max (median)" "<= 64 MB" "$AGC_MAX ($AGC_MED) MB" "$(pass "$AGC_MAX" 64)"
printf '| %-44s | %-10s | %-26s | %-4s |\n' "Heap used between GCs, every ${SAMPLE_S} s, max (median)" "-" "$HEAP_MAX ($HEAP_MED) MB" "-"
printf '| %-44s | %-10s | %-26s | %-4s |\n' "Idle CPU over $IDLE_S s, % of one core (RSS $IDLE_RSS MB)" "< 2 %" "$IDLE_PCT %" "$(awk -v m="$IDLE_PCT" 'BEGIN { print m < 2 ? "yes" : "NO" }')"
