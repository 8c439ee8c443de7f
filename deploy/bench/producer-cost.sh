#!/usr/bin/env bash
# Measures producer-service's cost per frame for one test-pattern camera against a running broker:
# process CPU ms per frame sent (utime + stime from /proc, not wall time) and JPEG bytes per frame, over a
# window after a warm-up. Prints one CSV line: source,size,fps,frames,cpu_ms_per_frame,jpeg_bytes_per_frame.
#
#   deploy/local/kafka.sh &                       # a broker on 127.0.0.1:9092 first
#   deploy/bench/producer-cost.sh 1280x720 [noise] [warmup_s] [window_s]
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
size="${1:?size WxH}"
noise="${2:-0}"
warmup="${3:-15}"
window="${4:-30}"
port="${CAMSTREAM_PRODUCER_PORT:-18080}"
jar="$root/producer-service/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q -pl producer-service -DskipTests package)

url="testsrc?size=$size&rate=25&noise=$noise"
CAMSTREAM_CAMERAS="bench=$url" CAMSTREAM_PRODUCER_PORT="$port" CAMSTREAM_TOPIC="${CAMSTREAM_TOPIC:-bench-frames}" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${CAMSTREAM_KAFKA_PORT:-9092}" \
    java -Xmx512m -jar "$jar" >"/tmp/producer-cost-$$.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

ticks="$(getconf CLK_TCK)"
cpu_ms() { awk -v t="$ticks" '{ print ($14 + $15) * 1000 / t }' "/proc/$pid/stat"; }
counter() { curl -s "http://127.0.0.1:$port/cameras" | sed -E "s/.*\"$1\":([0-9]+).*/\1/"; }

sleep "$warmup"
c0="$(cpu_ms)"; f0="$(counter framesSent)"; b0="$(counter bytesSent)"
sleep "$window"
c1="$(cpu_ms)"; f1="$(counter framesSent)"; b1="$(counter bytesSent)"
frames=$((f1 - f0))
[ "$frames" -gt 0 ] || { echo "no frames sent; see /tmp/producer-cost-$$.log" >&2; exit 1; }
awk -v s="$url" -v z="$size" -v n="$frames" -v w="$window" -v c0="$c0" -v c1="$c1" -v b="$((b1 - b0))" \
    'BEGIN { printf "%s,%s,%.1f,%d,%.2f,%d\n", s, z, n / w, n, (c1 - c0) / n, b / n }'
