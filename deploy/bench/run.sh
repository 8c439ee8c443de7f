#!/usr/bin/env bash
# camstream's benchmark: the floor of the work, cost per frame through a real broker, capacity, wire cost
# and stability, in one run on this machine. Writes docs/benchmarks.md with benchmarks.json and
# benchmarks.csv beside it. Run it on an otherwise idle machine; the full run takes about 40 minutes.
#
#   deploy/bench/run.sh              # the full run
#   deploy/bench/run.sh --smoke      # a two-minute run into deploy/bench/target/bench-smoke
#   deploy/bench/run.sh --out DIR    # results elsewhere
#   deploy/bench/run.sh --compare-producer OTHER/producer-service/target/quarkus-app/quarkus-run.jar
#                                    # the producer's cost per frame, another build against this one
#   deploy/bench/run.sh --compare-consumer OTHER/consumer-service/target/quarkus-app/quarkus-run.jar
#                                    # the same for the consumer
#   deploy/bench/run.sh --passthrough  # only passthrough against JPEG on RTSP cameras, added to the saved results
#   deploy/bench/run.sh --analysis     # only detection (pedestrian video over RTSP), added to the saved results
#   deploy/bench/run.sh --report docs/benchmarks.json   # only rewrite the page and CSV from saved results
#
# Ports: BENCH_KAFKA_PORT (19092, and the next one), BENCH_PRODUCER_PORT (18080), BENCH_CONSUMER_PORT (18081).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
die() { echo "bench: $*" >&2; exit 1; }
command -v java >/dev/null || die "java not found: install a JDK 17 or newer"
command -v python3 >/dev/null || die "python3 not found"

# Build what is missing or older than its sources.
modules=()
for module in producer-service consumer-service deploy/bench; do
    marker="$root/$module/target/quarkus-app/quarkus-run.jar"
    [ "$module" = deploy/bench ] && marker="$root/$module/target/camstream-bench-0.1.0-SNAPSHOT.jar"
    if [ ! -f "$marker" ] || [ -n "$(find "$root/$module/src/main" "$root/$module/pom.xml" "$root/pom.xml" -newer "$marker" -print -quit)" ]; then
        modules+=("$module")
    fi
done
if [ "${#modules[@]}" -gt 0 ]; then
    echo "bench: building ${modules[*]}" >&2
    (cd "$root" && ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${modules[*]}")" -am package) >&2 \
        || die "build failed"
fi

exec python3 "$root/deploy/bench/bench.py" "$@"
