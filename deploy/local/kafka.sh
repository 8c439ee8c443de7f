#!/usr/bin/env bash
# Runs a single-node Apache Kafka broker (KRaft, no ZooKeeper) on 127.0.0.1 in the foreground, from the Kafka
# jars on Maven Central (resolved once by the Maven wrapper). Storage is formatted on first start and kept
# in the data folder, so a second start finds its topics again. Ctrl-C stops it.
#
#   deploy/local/kafka.sh              # broker on 127.0.0.1:9092, for `quarkus dev` sessions
#
# Environment: CAMSTREAM_KAFKA_PORT (9092), CAMSTREAM_KAFKA_CONTROLLER_PORT (port + 1),
# CAMSTREAM_DATA_DIR (deploy/local/data), CAMSTREAM_KAFKA_HEAP (512m),
# CAMSTREAM_TOPIC_PARTITIONS (6), CAMSTREAM_RETENTION_MS (3600000 = 1 h),
# CAMSTREAM_RETENTION_BYTES (10737418240 = 10 GiB per partition), CAMSTREAM_MAX_MESSAGE_BYTES (10485760),
# CAMSTREAM_SEGMENT_BYTES (134217728 = 128 MiB).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${CAMSTREAM_KAFKA_PORT:-9092}"
controller_port="${CAMSTREAM_KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data="${CAMSTREAM_DATA_DIR:-$here/data}"
kafka_dir="$data/kafka"

die() { echo "kafka.sh: $*" >&2; exit 1; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

command -v java >/dev/null || die "java not found: install a JDK 17 or newer"
port_taken "$port" && die "port $port is already taken (set CAMSTREAM_KAFKA_PORT)"
port_taken "$controller_port" && die "port $controller_port is already taken (set CAMSTREAM_KAFKA_CONTROLLER_PORT)"
mkdir -p "$kafka_dir/logs"

# The broker's classpath, resolved from deploy/local/kafka/pom.xml once and cached beside the data.
classpath_file="$kafka_dir/classpath.txt"
if [ ! -s "$classpath_file" ] || [ "$here/kafka/pom.xml" -nt "$classpath_file" ]; then
    echo "kafka.sh: resolving the Kafka jars from Maven Central (first start only)" >&2
    "$root/mvnw" -B -q -f "$here/kafka/pom.xml" dependency:build-classpath \
        -Dmdep.outputFile="$classpath_file" >"$kafka_dir/resolve.log" 2>&1 \
        || die "could not resolve the Kafka jars: see $kafka_dir/resolve.log"
fi

config="$kafka_dir/server.properties"
cat >"$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$kafka_dir/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics created on first use fit video: partitions to scale consumers, and retention bounded by time and
# by bytes, not Kafka's 7 days (docs/operations.md, "Sizing the history", gives bytes per hour per camera).
num.partitions=${CAMSTREAM_TOPIC_PARTITIONS:-6}
log.retention.ms=${CAMSTREAM_RETENTION_MS:-3600000}
log.retention.bytes=${CAMSTREAM_RETENTION_BYTES:-10737418240}
log.segment.bytes=${CAMSTREAM_SEGMENT_BYTES:-134217728}
log.retention.check.interval.ms=60000
message.max.bytes=${CAMSTREAM_MAX_MESSAGE_BYTES:-10485760}
replica.fetch.max.bytes=${CAMSTREAM_MAX_MESSAGE_BYTES:-10485760}
PROPERTIES

java_opts=(-Xms256m "-Xmx${CAMSTREAM_KAFKA_HEAP:-512m}" -XX:+UseG1GC
    "-Dlog4j2.configurationFile=$here/kafka/log4j2.properties" "-Dkafka.logs.dir=$kafka_dir")
cp="$(cat "$classpath_file")"

if [ ! -f "$kafka_dir/logs/meta.properties" ]; then
    cluster_id="$(java -cp "$cp" "${java_opts[@]}" kafka.tools.StorageTool random-uuid)"
    java -cp "$cp" "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$config" \
        >"$kafka_dir/format.log" 2>&1 || die "could not format the storage: see $kafka_dir/format.log"
fi

echo "kafka.sh: broker starting on 127.0.0.1:$port, log in $kafka_dir/server.log" >&2
exec java -cp "$cp" "${java_opts[@]}" kafka.Kafka "$config"
