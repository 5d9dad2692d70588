#!/usr/bin/env bash
# Footprint of the gateway service with simulated devices: start-up time to the first 200 on /readyz,
# resident memory and heap while the log takes 1,000 events/s, and CPU when idle. Not part of `mvn verify`.
#
#   usage: benchmarks/run-footprint.sh [--quick] [--tuned] [MINUTES]
#     MINUTES   length of the load phase (default 10); 5 timed starts, 60 s per idle measurement
#     --quick   1-minute load phase, 3 starts, 20 s idle (a smoke test of the script)
#     --tuned   the JVM flags of packaging/edge-gateway.service instead of -Xmx64m alone, with a class-data
#               sharing archive made by a 15 s training run first, as the service's launcher makes it
#
# Other JVM flags can be tried with JAVA_OPTS="-Xmx64m ..." benchmarks/run-footprint.sh --quick.
# Idle CPU is measured twice: with no devices at all (the gateway's own cost when no events arrive, which is
# what the target is about) and with the ten simulated devices of --simulate, whose chip simulations run on
# the gateway's own device threads and so are counted too. Each run uses a data
# directory of its own from mktemp and a free loopback port, so it does not disturb a gateway already running.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=10 STARTS=5 IDLE_S=60 RATE=1000 SAMPLE_S=10 TUNED=""
for arg in "$@"; do
    case "$arg" in
        --quick) MINUTES=1 STARTS=3 IDLE_S=20 ;;
        --tuned) TUNED=1 ;;
        *) [[ "$arg" =~ ^[0-9]+$ && "$arg" -gt 0 ]] || { echo "MINUTES must be a positive whole number, was '$arg'" >&2; exit 2; }
           MINUTES="$arg" ;;
    esac
done
if [[ -n "$TUNED" ]]; then
    # The flags of the service unit, read from it so the two cannot drift apart.
    JAVA_OPTS="$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' packaging/edge-gateway.service)"
    [[ -n "$JAVA_OPTS" ]] || { echo "no JAVA_OPTS in packaging/edge-gateway.service" >&2; exit 2; }
fi
JAVA_OPTS="${JAVA_OPTS:--Xmx64m}"
JAR=gateway/target/edge-gateway.jar
if [[ ! -f "$JAR" ]]; then
    echo "building $JAR" >&2
    mvn -q -DskipTests package
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

if [[ -n "$TUNED" ]]; then
    # As on a board: the first run writes the archive at exit, every later one maps it.
    echo "training run for the class-data sharing archive (15 s)"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -XX:ArchiveClassesAtExit="$WORK/edge-gateway.jsa" -jar "$JAR" run --simulate \
        --data-dir "$WORK/training" --boards board-configs --web-port 0 --duration 15 >/dev/null 2>&1
    JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$WORK/edge-gateway.jsa"
fi

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts the gateway in the background on a fresh data dir: sets PID, PORT and DATA.
# A third argument names a config file to run instead of the generated one with every simulated device.
start_gateway() {
    local rate="$1" name="$2" config=()
    [[ -n "${3:-}" ]] && config=(--config "$3")
    DATA="$WORK/$name"
    mkdir -p "$DATA"
    PORT="$(free_port)"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Xlog:gc:file="$DATA/gc.log" -jar "$JAR" run --simulate "${config[@]}" --data-dir "$DATA" \
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
LOAD_T0=$SECONDS
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
LOAD_S=$((SECONDS - LOAD_T0))
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
LOAD_RATE=$(awk -v n="$LOAD_APPENDED" -v s="$LOAD_S" 'BEGIN { printf "%.0f", n / s }')

# (c) idle CPU from /proc/PID/stat (utime + stime) over IDLE_S, after 10 s to settle; sets IDLE_PCT, IDLE_RSS.
idle_cpu() {
    start_gateway 0 "$1" "${2:-}"
    wait_ready
    sleep 10
    local tck c0 c1
    tck=$(getconf CLK_TCK)
    c0=$(cpu_ticks)
    sleep "$IDLE_S"
    c1=$(cpu_ticks)
    IDLE_RSS=$(status_kb VmRSS | mb)
    stop_gateway
    IDLE_PCT=$(awk -v d=$((c1 - c0)) -v t="$tck" -v s="$IDLE_S" 'BEGIN { printf "%.2f", d / t / s * 100 }')
}
printf 'gateway: {id: footprint-idle}\nboard: laptop-sim\ndevices: []\n' >"$WORK/no-devices.yaml"
idle_cpu idle-none "$WORK/no-devices.yaml"
IDLE_NONE_PCT=$IDLE_PCT IDLE_NONE_RSS=$IDLE_RSS
idle_cpu idle-sim
IDLE_SIM_PCT=$IDLE_PCT IDLE_SIM_RSS=$IDLE_RSS

pass() { awk -v m="$1" -v t="$2" 'BEGIN { print (m != "n/a" && m + 0 <= t + 0) ? "yes" : "NO" }'; }
echo "machine load after: $(uptime)"
echo
echo "load phase: $LOAD_APPENDED synthetic events appended in $LOAD_S s per /metrics ($LOAD_RATE/s); $APPENDED appended in all, $DROPPED dropped; $GCS collections"
echo
printf '| %-48s | %-10s | %-26s | %-4s |\n' "Measure" "Target" "Measured" "Met"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..50})" "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..28})" "------"
printf '| %-48s | %-10s | %-26s | %-4s |\n' "JVM start to first 200 on /readyz (median of $STARTS)" "<= 3000 ms" "$START_MED ms" "$(pass "$START_MED" 3000)"
printf '| %-48s | %-10s | %-26s | %-4s |\n' "Events appended per s in the load phase" ">= $RATE" "$LOAD_RATE" "$(awk -v m="$LOAD_RATE" -v t="$RATE" 'BEGIN { print ((m >= t * 0.99) ? "yes" : "NO") }')"
printf '| %-48s | %-10s | %-26s | %-4s |\n' "RSS at $RATE events/s, max (median)" "<= 160 MB" "$RSS_MAX ($RSS_MED) MB" "$(pass "$RSS_MAX" 160)"
printf '| %-48s | %-10s | %-26s | %-4s |\n' "VmHWM (peak RSS) at the end of the load phase" "<= 160 MB" "$HWM MB" "$(pass "$HWM" 160)"
printf '| %-48s | %-10s | %-26s | %-4s |\n' "Heap used after GC, max (median)" "<= 64 MB" "$AGC_MAX ($AGC_MED) MB" "$(pass "$AGC_MAX" 64)"
printf '| %-48s | %-10s | %-26s | %-4s |\n' "Heap used between GCs, every ${SAMPLE_S} s, max (median)" "-" "$HEAP_MAX ($HEAP_MED) MB" "-"
below() { awk -v m="$1" 'BEGIN { print ((m < 2) ? "yes" : "NO") }'; }
printf '| %-48s | %-10s | %-26s | %-4s |\n' "Idle CPU, no devices, % of one core" "< 2 %" "$IDLE_NONE_PCT % (RSS $IDLE_NONE_RSS MB)" "$(below "$IDLE_NONE_PCT")"
printf '| %-48s | %-10s | %-26s | %-4s |\n' "Idle CPU, 10 simulated devices, % of one core" "< 2 %" "$IDLE_SIM_PCT % (RSS $IDLE_SIM_RSS MB)" "$(below "$IDLE_SIM_PCT")"
