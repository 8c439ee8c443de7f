#!/usr/bin/env bash
# Cost per frame of producer-service and consumer-service for one test-pattern camera, through a running
# broker: process CPU ms per frame (utime + stime from /proc, not wall time) over a window after a warm-up,
# and JPEG bytes per frame. With "viewer", a client fetches /frames/latest every 40 ms meanwhile, so the
# consumer's figure includes annotating and encoding every frame.
#
#   deploy/local/kafka.sh &                                  # a broker on 127.0.0.1:9092 first
#   deploy/bench/cost.sh 1280x720 [noise 0-100] [viewer|none] [warmup_s] [window_s]
#
# Prints one CSV line:
#   source,viewer,fps,frames,producer_cpu_ms_per_frame,consumer_cpu_ms_per_frame,jpeg_bytes_per_frame
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
size="${1:?size WxH}"
noise="${2:-0}"
viewer="${3:-none}"
warmup="${4:-15}"
window="${5:-30}"
producer_port="${BENCH_PRODUCER_PORT:-18080}"
consumer_port="${BENCH_CONSUMER_PORT:-18081}"
topic="bench-$size-$noise-$$"
for service in producer-service consumer-service; do
    [ -f "$root/$service/target/quarkus-app/quarkus-run.jar" ] \
        || (cd "$root" && ./mvnw -B -q -pl "$service" -am -DskipTests package)
done

export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${CAMSTREAM_KAFKA_PORT:-9092}" CAMSTREAM_TOPIC="$topic"
url="testsrc?size=$size&rate=25&noise=$noise"
CAMSTREAM_CAMERAS="bench=$url" CAMSTREAM_PRODUCER_PORT="$producer_port" \
    java -Xmx512m -jar "$root/producer-service/target/quarkus-app/quarkus-run.jar" >"/tmp/cost-producer-$$.log" 2>&1 &
producer=$!
CAMSTREAM_CONSUMER_PORT="$consumer_port" \
    java -Xmx512m -jar "$root/consumer-service/target/quarkus-app/quarkus-run.jar" >"/tmp/cost-consumer-$$.log" 2>&1 &
consumer=$!
viewer_pid=""
trap 'kill $producer $consumer $viewer_pid 2>/dev/null; wait 2>/dev/null || true' EXIT

ticks="$(getconf CLK_TCK)"
cpu_ms() { awk -v t="$ticks" '{ print ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }
field() { curl -s "$1" | sed -E "s/.*\"$2\":([0-9]+).*/\1/"; }

if [ "$viewer" = "viewer" ]; then
    (while true; do curl -s -o /dev/null "http://127.0.0.1:$consumer_port/frames/latest?camera=bench"; sleep 0.04; done) &
    viewer_pid=$!
fi

# One sample: wall time, producer CPU ms, consumer CPU ms, frames sent, bytes sent, frames processed.
sample() {
    echo "$(date +%s.%N) $(cpu_ms $producer) $(cpu_ms $consumer)" \
        "$(field "http://127.0.0.1:$producer_port/cameras" framesSent)" \
        "$(field "http://127.0.0.1:$producer_port/cameras" bytesSent)" \
        "$(field "http://127.0.0.1:$consumer_port/cameras" frames)"
}

sleep "$warmup"
read -r t0 p0 c0 sent0 bytes0 done0 <<<"$(sample)"
sleep "$window"
read -r t1 p1 c1 sent1 bytes1 done1 <<<"$(sample)"

sent=$((sent1 - sent0)); processed=$((done1 - done0))
[ "$sent" -gt 0 ] && [ "$processed" -gt 0 ] || { echo "no frames: see /tmp/cost-*-$$.log" >&2; exit 1; }
awk -v s="$url" -v v="$viewer" -v w="$(awk "BEGIN{print $t1-$t0}")" -v n="$sent" -v m="$processed" -v p="$(awk "BEGIN{print $p1-$p0}")" \
    -v c="$(awk "BEGIN{print $c1-$c0}")" -v b="$((bytes1 - bytes0))" \
    'BEGIN { printf "%s,%s,%.1f,%d,%.2f,%.2f,%d\n", s, v, n / w, n, p / n, c / m, b / n }'
