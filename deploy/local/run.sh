#!/usr/bin/env bash
# Runs the whole pipeline on this machine: a real Kafka broker (KRaft), producer-service and
# consumer-service, all on 127.0.0.1. Builds what is missing, waits until everything is ready, prints where
# to look, and on Ctrl-C or SIGTERM stops everything it started.
#
#   deploy/local/run.sh                                   # one camera "test" from the built-in pattern
#   deploy/local/run.sh door=rtsp://10.0.0.5:554/stream1 lab=testsrc?size=1280x720
#   CAMSTREAM_CAMERAS_FILE=cameras.txt deploy/local/run.sh   # ID=URL per line: passwords stay out of `ps`
#
# Environment: CAMSTREAM_CAMERAS_FILE, CAMSTREAM_CAMERAS (id=url,...), CAMSTREAM_KAFKA_PORT (9092), CAMSTREAM_PRODUCER_PORT (8080), CAMSTREAM_CONSUMER_PORT (8081),
# CAMSTREAM_DATA_DIR (deploy/local/data), CAMSTREAM_BIND_HOST (127.0.0.1), CAMSTREAM_TOPIC (frames),
# CAMSTREAM_TOPIC_PARTITIONS (6), CAMSTREAM_RETENTION_MS (3600000), CAMSTREAM_RETENTION_BYTES (10737418240),
# CAMSTREAM_JAVA_OPTS (-Xmx512m), CAMSTREAM_READY_TIMEOUT (120 seconds), CAMSTREAM_CAMERA_WAIT (15 seconds for
# each camera's first frame before the runner says what each camera is doing).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kafka_port="${CAMSTREAM_KAFKA_PORT:-9092}"
controller_port="${CAMSTREAM_KAFKA_CONTROLLER_PORT:-$((kafka_port + 1))}"
producer_port="${CAMSTREAM_PRODUCER_PORT:-8080}"
consumer_port="${CAMSTREAM_CONSUMER_PORT:-8081}"
data="${CAMSTREAM_DATA_DIR:-$here/data}"
topic="${CAMSTREAM_TOPIC:-frames}"
partitions="${CAMSTREAM_TOPIC_PARTITIONS:-6}"
ready_timeout="${CAMSTREAM_READY_TIMEOUT:-120}"
bind_host="${CAMSTREAM_BIND_HOST:-127.0.0.1}"
read -r -a java_opts <<<"${CAMSTREAM_JAVA_OPTS:--Xmx512m}"
logs="$data/logs"

say() { echo "run.sh: $*" >&2; }
die() { say "$*"; exit 1; }
# Masks camera secrets in any text: the services' rule (producer-service's UrlRedactor; RunnerRedactionTest holds
# the two to the same answers): a URL's password, to the last '@' before its path, and credential-like parameters.
redact() { sed -E 's%([a-zA-Z][a-zA-Z0-9+.-]*://[^[:space:]/?#@:]*):[^[:space:]/?#]*@%\1:***@%g; s%([?&;](password|passwd|pass|pwd|token|access_token|auth|key|api_key|apikey|secret|signature)=)[^&;#[:space:]"'"'"']*%\1***%gI'; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- checks that fail fast, with one line each ----
command -v java >/dev/null || die "java not found: install a JDK 17 or newer"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java.specification.version = ([0-9]+).*/\1/p')"
[ "${java_major:-0}" -ge 17 ] || die "java ${java_major:-?} found; camstream needs Java 17 or newer"
for entry in "kafka:$kafka_port" "kafka controller:$controller_port" "producer:$producer_port" "consumer:$consumer_port"; do
    port_taken "${entry##*:}" && die "port ${entry##*:} (${entry%%:*}) is already taken; set the CAMSTREAM_*_PORT variables"
done

# Cameras from the arguments, from a file (CAMSTREAM_CAMERAS_FILE: one ID=URL per line, # for comments) or
# from CAMSTREAM_CAMERAS (id=url,id=url). A file or the environment keeps passwords out of the process list,
# where anyone on the machine can read a command line.
cameras=()
add_camera() { # where, ID=URL
    [[ "$2" =~ ^[A-Za-z0-9._-]{1,64}=.+ ]] \
        || die "$1 ('$(redact <<<"$2")') is not ID=URL with an id of 1-64 characters A-Z a-z 0-9 . _ -"
    cameras+=("$2")
}
position=0
for argument in "$@"; do
    position=$((position + 1))
    add_camera "argument $position" "$argument"
done
if [ -n "${CAMSTREAM_CAMERAS_FILE:-}" ]; then
    [ -r "$CAMSTREAM_CAMERAS_FILE" ] || die "CAMSTREAM_CAMERAS_FILE ($CAMSTREAM_CAMERAS_FILE) cannot be read"
    number=0
    while IFS= read -r line || [ -n "$line" ]; do
        number=$((number + 1))
        line="$(sed -E 's/^[[:space:]]+|[[:space:]]+$//g' <<<"$line")"
        if [ -n "$line" ] && [[ "$line" != \#* ]]; then
            add_camera "line $number of $CAMSTREAM_CAMERAS_FILE" "$line"
        fi
    done <"$CAMSTREAM_CAMERAS_FILE"
fi
if [ -n "${CAMSTREAM_CAMERAS:-}" ]; then
    IFS=, read -r -a listed <<<"$CAMSTREAM_CAMERAS"
    for entry in "${listed[@]}"; do
        if [ -n "$entry" ]; then add_camera "CAMSTREAM_CAMERAS entry" "$entry"; fi
    done
fi
[ "${#cameras[@]}" -gt 0 ] || cameras=("test=testsrc")
camera_list="$(IFS=,; echo "${cameras[*]}")"

# ---- build what is missing or out of date ----
mkdir -p "$logs"
for service in producer-service consumer-service; do
    jar="$root/$service/target/quarkus-app/quarkus-run.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$root/$service/src/main" "$root/$service/pom.xml" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
        say "building $service (a first build downloads dependencies and takes a few minutes)"
        (cd "$root" && ./mvnw -B -q -DskipTests -pl "$service" -am package) >"$data/build.log" 2>&1 \
            || die "build of $service failed: see $data/build.log"
    fi
done

pids=()
names=()
stop_all() {
    trap - EXIT INT TERM
    local i
    # Last started first, each to its end: the services close their Kafka clients while the broker still runs.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill -TERM "${pids[$i]}" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.25; done
        kill -KILL "${pids[$i]}" 2>/dev/null || true
        wait "${pids[$i]}" 2>/dev/null || true
    done
}
trap 'stop_all' EXIT
trap 'say "stopping"; stop_all; exit 0' INT TERM

# Each process is started by its run_<name> function (below), again after it dies: see supervise.
start() { # name
    "run_$1" >"$logs/$1.log" 2>&1 &
    pids+=("$!")
    names+=("$1")
}

check_alive() {
    local i
    for i in "${!pids[@]}"; do
        kill -0 "${pids[$i]}" 2>/dev/null \
            || die "${names[$i]} exited early: $(tail -n 3 "$logs/${names[$i]}.log" | redact | tr '\n' ' ')(full log: $logs/${names[$i]}.log)"
    done
}

wait_until() { # what, seconds, test command...
    local what="$1" seconds="$2"
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        check_alive
        [ "$SECONDS" -lt "$deadline" ] || die "$what not ready after ${seconds}s"
        sleep 0.5
    done
}

# HTTP GET through bash's /dev/tcp, so the runner needs nothing but bash and a JDK. Prints the body; fails
# unless the answer is 200.
http_get() { # port, path, accept
    local response
    response="$(exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$1" \
        && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: %s\r\nConnection: close\r\n\r\n' "$2" "${3:-*/*}" >&3 \
        && timeout 5 cat <&3 && printf .)" || return 1
    # The dot keeps the answer's end as it was: $(...) drops trailing newlines, and an empty body (no camera
    # in the registry yet) would lose the blank line after the headers, and the headers pass as the body.
    response="${response%.}"
    [[ "$response" == "HTTP/1."?" 200 "* ]] || return 1
    printf '%s\n' "${response#*$'\r\n\r\n'}"
}
ready() { http_get "$1" /q/health/ready >/dev/null; }
# One line per camera from the producer: "door  streaming 1280x720 25.0 fps", "lab  failed: <why>".
camera_lines() { http_get "$producer_port" /cameras text/plain | tr -d '\r'; }

run_kafka() {
    CAMSTREAM_KAFKA_PORT="$kafka_port" CAMSTREAM_KAFKA_CONTROLLER_PORT="$controller_port" CAMSTREAM_DATA_DIR="$data" \
        exec "$here/kafka.sh"
}
# Bound to 127.0.0.1, the camera API is left open unless CAMSTREAM_API_PASSWORD is set.
api_policy="permit"
if [ -n "${CAMSTREAM_API_PASSWORD:-}" ]; then api_policy="camera-admin"; fi
run_producer() {
    CAMSTREAM_PRODUCER_PORT="$producer_port" CAMSTREAM_CAMERAS="$camera_list" CAMSTREAM_API_POLICY="$api_policy" \
        exec java "${java_opts[@]}" -jar "$root/producer-service/target/quarkus-app/quarkus-run.jar"
}
# A fixed group instance id: a consumer restarted here takes its partitions back at once (static membership).
run_consumer() {
    CAMSTREAM_CONSUMER_PORT="$consumer_port" CAMSTREAM_INSTANCE_ID="${CAMSTREAM_INSTANCE_ID:-camstream-local}" \
        exec java "${java_opts[@]}" -jar "$root/consumer-service/target/quarkus-app/quarkus-run.jar"
}

# Once everything ran, a process that dies is started again, after 1 s, then 2, 4, ... up to 30 s while it
# keeps dying; the others keep running (the services ride out a broker outage and catch up).
declare -A restart_delay=() started_at=()
supervise() {
    local i name code
    for i in "${!pids[@]}"; do
        name="${names[$i]}"
        if kill -0 "${pids[$i]}" 2>/dev/null; then
            if [ $((SECONDS - ${started_at[$name]:-0})) -gt 60 ]; then restart_delay[$name]=1; fi
            continue
        fi
        code=0
        wait "${pids[$i]}" 2>/dev/null || code=$?
        say "$(date +%H:%M:%S) $name exited (code $code); starting it again in ${restart_delay[$name]:-1}s (log: $logs/$name.log)"
        sleep "${restart_delay[$name]:-1}"
        "run_$name" >>"$logs/$name.log" 2>&1 &
        pids[$i]=$!
        started_at[$name]=$SECONDS
        restart_delay[$name]=$(( ${restart_delay[$name]:-1} * 2 > 30 ? 30 : ${restart_delay[$name]:-1} * 2 ))
    done
}

# ---- Kafka ----
started=$SECONDS
start kafka
wait_until "Kafka broker" "$ready_timeout" port_taken "$kafka_port"
say "Kafka broker up on 127.0.0.1:$kafka_port after $((SECONDS - started))s"

# The topic, sized for video: partitions to scale consumers out, retention bounded by time and bytes.
java -cp "$(cat "$data/kafka/classpath.txt")" "-Dlog4j2.configurationFile=$here/kafka/log4j2.properties" \
    "-Dkafka.logs.dir=$data/kafka/tools" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "127.0.0.1:$kafka_port" --create --if-not-exists --topic "$topic" --partitions "$partitions" \
    --config "retention.ms=${CAMSTREAM_RETENTION_MS:-3600000}" \
    --config "retention.bytes=${CAMSTREAM_RETENTION_BYTES:-10737418240}" \
    --config "max.message.bytes=${CAMSTREAM_MAX_MESSAGE_BYTES:-10485760}" >"$logs/topic.log" 2>&1 \
    || die "could not create topic $topic: see $logs/topic.log"

# ---- services ----
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" CAMSTREAM_TOPIC="$topic" CAMSTREAM_BIND_HOST="$bind_host"
start producer
start consumer
wait_until "producer-service" "$ready_timeout" ready "$producer_port"
wait_until "consumer-service" "$ready_timeout" ready "$consumer_port"

say "ready after $((SECONDS - started))s"

# Give each camera a few seconds for its first frame, then say what each one is doing: never "streaming"
# for a camera that is not.
deadline=$((SECONDS + ${CAMSTREAM_CAMERA_WAIT:-15}))
# A camera that has just started shows no rate until its first whole second is measured.
lines="$(camera_lines || true)"
# Cameras appear once the producer has read the camera registry and written the configured ones to it.
while { [ -z "$lines" ] && [ "${#cameras[@]}" -gt 0 ]; } \
    || grep -qE '^\S+ +(waiting|connecting|streaming( [0-9]+x[0-9]+)?)$' <<<"$lines"; do
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 0.5
    lines="$(camera_lines || true)"
done
while IFS= read -r line; do
    if [ -n "$line" ]; then say "  $line"; fi
done <<<"$lines"
cat >&2 <<MESSAGE

  Viewer:      http://127.0.0.1:$consumer_port/
  Statistics:  http://127.0.0.1:$consumer_port/stats/latest    cameras: http://127.0.0.1:$consumer_port/cameras
  Producer:    http://127.0.0.1:$producer_port/cameras
  Camera API:  curl -X PUT -H 'Content-Type: application/json' -d '{"url":"testsrc"}' http://127.0.0.1:$producer_port/cameras/lab
               $(if [ "$api_policy" = permit ]; then echo "open to anyone on this machine (set CAMSTREAM_API_PASSWORD to require it)"; else echo "needs -u admin:\$CAMSTREAM_API_PASSWORD"; fi)
  Logs:        $logs/{kafka,producer,consumer}.log

  Ctrl-C stops everything.
MESSAGE

# While it runs: one line whenever a camera changes state (streaming, reconnecting, failed).
declare -A last_state=()
note_states() { # camera lines, "quiet" to only remember them
    local line id state
    while IFS= read -r line; do
        read -r id state _ <<<"$line" || true
        [ -n "${id:-}" ] || continue
        state="${state%:}"
        if [ "${last_state["$id"]:-}" != "$state" ]; then
            last_state["$id"]="$state"
            if [ "${2:-}" != quiet ]; then say "$(date +%H:%M:%S) $line"; fi
        fi
    done <<<"$1"
}
note_states "$lines" quiet
for name in kafka producer consumer; do started_at[$name]=$SECONDS; done
while true; do
    supervise
    sleep 2
    lines="$(camera_lines)" || continue
    note_states "$lines"
done
