#!/usr/bin/env python3
"""camstream's benchmark, in one run on this machine: the floor of the work, camstream's cost per frame
through a real broker, capacity, wire cost and stability. Started by deploy/bench/run.sh, which builds the
jars first; writes benchmarks.md, benchmarks.json and benchmarks.csv into the output folder.

Every service runs as its packaged jar, as deploy/local/run.sh runs it; CPU is process CPU time (user +
system, /proc/PID/stat), RSS is VmRSS; latency is each processed frame's latencyMs (capture by the
producer -> statistics computed by the consumer), read from the consumer's /stats/stream.
"""
import argparse
import csv
import datetime
import json
import os
import platform
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import report
from report import spread

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "deploy" / "bench"
JAR = {name: ROOT / name / "target" / "quarkus-app" / "quarkus-run.jar"
       for name in ("producer-service", "consumer-service")}
TICKS = os.sysconf("SC_CLK_TCK")
# GStreamer's Python bindings come with Debian's python3, not with one found first on PATH.
PYTHON = "/usr/bin/python3"

# What each mode runs. The smoke mode proves the harness end to end in about two minutes; its figures mean nothing.
MODES = {
    "full": dict(sizes=["640x480", "1280x720", "1920x1080"], floor_warmup=150, floor_frames=300, floor_paced=125,
                 repeats=3, cost_warmup=90, window=30, capacity_size="1280x720", capacity_from=2,
                 capacity_to=8, capacity_warmup=60, capacity_window=20, stability_cameras=4,
                 stability_seconds=600, wire_records=100, rtsp_size="1280x720", rtsp_kbps=3000, rtsp_warmup=60),
    "smoke": dict(sizes=["320x240"], floor_warmup=20, floor_frames=20, floor_paced=10, repeats=2, cost_warmup=4,
                  window=3, capacity_size="320x240", capacity_from=1, capacity_to=1, capacity_warmup=3,
                  capacity_window=3, stability_cameras=2, stability_seconds=12, wire_records=10, rtsp_size="320x240",
                  rtsp_kbps=500, rtsp_warmup=4),
}
# Looking back: an hour of one camera in the topic, lookups at random times in it, clips exported from it.
HISTORY = {
    "full": dict(size="1280x720", seconds=3600, lookups=300, clips=3, clip_seconds=60),
    "smoke": dict(size="320x240", seconds=60, lookups=20, clips=1, clip_seconds=10),
}
# Passthrough: cameras' own H.264 over RTSP, at a camera's bitrate (GStreamer's snow pattern, which fills it:
# a real scene's detail and noise do too), against the same cameras sent as JPEG.
PASSTHROUGH = {
    "full": dict(size="1280x720", kbps=3000, floor_warmup=250, floor_units=500, repeats=3, warmup=90, window=20,
                 cameras=10, consumers=2, wire_records=100, lookups=100),
    "smoke": dict(size="320x240", kbps=300, floor_warmup=25, floor_units=50, repeats=2, warmup=4, window=3,
                  cameras=2, consumers=2, wire_records=10, lookups=5),
}
# Analysis: OpenCV's pedestrian video (Debian opencv-doc) as RTSP cameras, scaled to a camera's size and paced
# at 25 fps by GStreamer, people detected at 5 a second; each session of services stays within the video's 79 s.
PEDESTRIANS = Path("/usr/share/doc/opencv-doc/examples/data/vtest.avi")
FACE_MODEL = ROOT / "deploy" / "models" / "mediapipe" / "face_detection_short_range.tflite"
ANALYSIS = {
    "full": dict(sizes=["640x480", "1280x720"], floor_pictures=50, repeats=3, warmup=15, window=15,
                 size="1280x720", kbps=3000, cameras_to=4),
    "smoke": dict(sizes=["320x240"], floor_pictures=5, repeats=2, warmup=4, window=3, size="320x240", kbps=300,
                  cameras_to=1),
}
NOISE = 12
FPS = 25
MAX_LOSS = 0.01
MAX_P99_MS = 250.0


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


# Where a JVM's CPU goes, by thread name (Linux keeps 15 characters; native threads inherit their creator's).
THREAD_GROUPS = (
    ("pixel work", ("camera-", "executor-thread")),  # grab, encode / decode, statistics (with their native threads)
    ("Kafka client", ("kafka-producer-", "smallrye-kafka-", "kafka-coordinat")),
    ("Vert.x event loops", ("vert.x-eventloo",)),
    ("JIT compiler", ("C1 CompilerThre", "C2 CompilerThre")),
    ("garbage collector", ("GC Thread", "G1 ")),
)


def thread_group(name):
    return next((group for group, prefixes in THREAD_GROUPS if name.startswith(prefixes)), "other")


def stat_cpu_ms(stat):
    """User + system CPU ms from a /proc stat line (fields after the name, which may hold spaces)."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS


class Process:
    """A process the benchmark started; stopped with SIGTERM (then SIGKILL) however the run ends."""

    def __init__(self, name, command, env, log):
        self.name = name
        self.log = log
        self.popen = subprocess.Popen(command, env={**os.environ, **env}, stdout=open(log, "wb"),
                                      stderr=subprocess.STDOUT, start_new_session=True)

    def cpu_ms(self):
        return stat_cpu_ms(Path(f"/proc/{self.popen.pid}/stat").read_text())

    def thread_cpu_ms(self):
        """CPU ms of each live thread, by thread id, with its name."""
        threads = {}
        for task in Path(f"/proc/{self.popen.pid}/task").iterdir():
            try:
                stat = (task / "stat").read_text()
            except OSError:  # the thread ended meanwhile
                continue
            threads[task.name] = (stat[stat.index("(") + 1:stat.rindex(")")], stat_cpu_ms(stat))
        return threads

    def rss_mb(self):
        match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{self.popen.pid}/status").read_text())
        return int(match.group(1)) / 1024

    def alive(self):
        return self.popen.poll() is None

    def stop(self):
        if self.alive():
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()


class Run:
    """Owns every process of the run, so that none outlives it."""

    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.processes = []
        self.kafka_port = args.kafka_port
        self.bootstrap = f"127.0.0.1:{self.kafka_port}"
        self.topics = 0

    def start(self, name, command, env=None):
        process = Process(name, command, env or {}, self.work / f"{name}-{len(self.processes)}.log")
        self.processes.append(process)
        return process

    def stop(self, process):
        process.stop()
        self.processes.remove(process)

    def stop_all(self):
        for process in reversed(list(self.processes)):
            self.stop(process)

    # ---- broker ----
    def start_broker(self):
        started = time.monotonic()
        broker = self.start("kafka", [str(ROOT / "deploy/local/kafka.sh")], {
            "CAMSTREAM_KAFKA_PORT": str(self.kafka_port),
            "CAMSTREAM_KAFKA_CONTROLLER_PORT": str(self.kafka_port + 1),
            "CAMSTREAM_DATA_DIR": str(self.work / "data")})
        wait_for(lambda: port_open(self.kafka_port), 180, "Kafka broker", [broker])
        self.broker = broker
        return time.monotonic() - started

    def create_topic(self, partitions, retention_bytes=1073741824, retention_ms=3600000):
        self.topics += 1
        topic = f"bench-{self.topics}"
        classpath = (self.work / "data" / "kafka" / "classpath.txt").read_text().strip()
        subprocess.run(["java", "-cp", classpath,
                        f"-Dlog4j2.configurationFile={ROOT}/deploy/local/kafka/log4j2.properties",
                        f"-Dkafka.logs.dir={self.work}/data/kafka/tools", "org.apache.kafka.tools.TopicCommand",
                        "--bootstrap-server", self.bootstrap, "--create", "--topic", topic,
                        "--partitions", str(partitions), "--config", "max.message.bytes=10485760",
                        "--config", f"retention.bytes={retention_bytes}", "--config", f"retention.ms={retention_ms}"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return topic

    # ---- services ----
    def start_services(self, cameras, jars=None, encoding="jpeg", consumers=1, consumer_env=None,
                       consumer_options=()):
        """Producer and consumer on a new topic with these cameras; returns when frames reach statistics.
        jars: another build's quarkus-run.jar for either service; encoding: the cameras' (jpeg or passthrough);
        consumers: replicas of consumer-service in the group (ports from --consumer-port on); consumer_env and
        consumer_options: more environment and JVM options for them (analysis)."""
        jars = {**JAR, **(jars or {})}
        topic = self.create_topic(max(6, len(cameras)))
        # A registry and group of its own per run: cameras of an earlier run on this broker stay out of it.
        env = {"KAFKA_BOOTSTRAP_SERVERS": self.bootstrap, "CAMSTREAM_TOPIC": topic,
               "CAMSTREAM_GROUP_ID": f"{topic}-consumer", "CAMSTREAM_REGISTRY_TOPIC": f"{topic}-cameras",
               "CAMSTREAM_REGISTRY_STATUS_TOPIC": f"{topic}-cameras.status",
               "CAMSTREAM_PRODUCER_GROUP": f"{topic}-producers"}
        started = time.monotonic()
        java = ["java", "-Xmx512m", "-jar"]
        producer = self.start("producer", java + [str(jars["producer-service"])], {
            **env, "CAMSTREAM_PRODUCER_PORT": str(self.args.producer_port), "CAMSTREAM_ENCODING": encoding,
            "CAMSTREAM_CAMERAS": ",".join(f"{k}={v}" for k, v in cameras.items())})
        ports = [self.args.consumer_port + i for i in range(consumers)]
        replicas = [self.start("consumer", ["java", "-Xmx512m", *consumer_options, "-jar", str(jars["consumer-service"])], {
            **env, "CAMSTREAM_CONSUMER_PORT": str(port), "CAMSTREAM_INSTANCE_ID": f"bench-{i}",
            "CAMSTREAM_DETECTIONS_TOPIC": f"{topic}-detections", **(consumer_env or {})})
            for i, port in enumerate(ports)]
        services = Services(self, topic, producer, replicas, ports)
        wait_for(lambda: ready(self.args.producer_port), 120, "producer-service", [producer, *replicas])
        for port in ports:
            wait_for(lambda: ready(port), 120, "consumer-service", [producer, *replicas])
        services.ready_seconds = time.monotonic() - started
        wait_for(lambda: len(services.consumer_cameras()) == len(cameras), 60, "statistics of every camera",
                 [producer, *replicas])
        services.first_stats_seconds = time.monotonic() - started
        return services


class Services:
    def __init__(self, run, topic, producer, consumers, consumer_ports):
        self.run = run
        self.topic = topic
        self.producer = producer
        self.consumers = consumers
        self.consumer_ports = consumer_ports
        self.latencies = {}
        self.recording = False

    def producer_cameras(self):
        return get_json(f"http://127.0.0.1:{self.run.args.producer_port}/cameras")

    def consumer_cameras(self, port=None):
        return get_json(f"http://127.0.0.1:{port or self.consumer_ports[0]}/cameras")

    def follow_latency(self):
        """Reads every processed frame's statistics from the first replica's SSE stream, which carries the
        frames of the group's other replicas too (by the statistics topic): one reader, so that the measuring
        costs the replicas as little as it can. Keeps latencyMs while recording."""
        def read(port):
            url = f"http://127.0.0.1:{port}/stats/stream"
            try:
                with urllib.request.urlopen(url, timeout=30) as stream:
                    for line in stream:
                        if self.recording and line.startswith(b"data:"):
                            frame = json.loads(line[5:])
                            self.latencies[(frame["camera"], frame["seq"], frame["capturedAt"])] = frame["latencyMs"]
            except Exception:  # the service stopped: the stream ends with it
                pass
        threading.Thread(target=read, args=(self.consumer_ports[0],), daemon=True).start()

    def sample(self):
        producer = self.producer_cameras()
        # Each replica counts the frames it processed itself: the group's are their sum.
        consumer = [c for port in self.consumer_ports for c in self.consumer_cameras(port)]
        processes = {"producer": [self.producer], "consumer": self.consumers, "kafka": [self.run.broker]}
        return {
            "time": time.monotonic(),
            "cpu_ms": {name: sum(p.cpu_ms() for p in ps) for name, ps in processes.items()},
            "threads": {name: {(p.popen.pid, tid): v for p in processes[name] for tid, v in p.thread_cpu_ms().items()}
                        for name in ("producer", "consumer")},
            "rss_mb": {name: sum(p.rss_mb() for p in ps) for name, ps in processes.items()},
            "sent": sum(c["framesSent"] for c in producer),
            "grabbed": sum(c["framesGrabbed"] for c in producer),
            "producer_dropped": sum(c["dropped"] for c in producer),
            "processed": sum(c["frames"] for c in consumer),
            "gaps": sum(c["dropped"] for c in consumer),
            "skipped": sum(c["skipped"] for c in consumer),
            "rejected": sum(c["rejected"] for c in consumer),
        }

    def window(self, seconds):
        """One measured window: rates and CPU per frame over it, latency of the frames processed in it."""
        self.latencies = {}
        before = self.sample()
        self.recording = True
        time.sleep(seconds)
        self.recording = False
        after = self.sample()
        for process in (self.producer, *self.consumers, self.run.broker):
            if not process.alive():
                raise RuntimeError(f"{process.name} exited during the run: see {process.log}")
        delta = {k: after[k] - before[k] for k in ("sent", "grabbed", "producer_dropped", "processed", "gaps",
                                                   "skipped", "rejected")}
        wall = after["time"] - before["time"]
        cpu = {name: after["cpu_ms"][name] - before["cpu_ms"][name] for name in after["cpu_ms"]}
        lost = delta["gaps"] + delta["skipped"]
        latencies = list(self.latencies.values())
        frames = {"producer": max(1, delta["sent"]), "consumer": max(1, delta["processed"])}
        breakdown = {name: by_group(before["threads"][name], after["threads"][name], cpu[name], frames[name])
                     for name in frames}
        return {
            "seconds": wall, **delta,
            "fps": delta["processed"] / wall,
            "loss": lost / max(1, delta["processed"] + lost),
            "producer_cpu_ms_per_frame": cpu["producer"] / max(1, delta["sent"]),
            "consumer_cpu_ms_per_frame": cpu["consumer"] / max(1, delta["processed"]),
            "cpu_cores": {name: ms / 1000 / wall for name, ms in cpu.items()},
            "cpu_ms_per_frame_by_thread": breakdown,
            "rss_mb": after["rss_mb"],
            "latency_samples": len(latencies),
            "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99), "max_ms": max(latencies) if latencies else None,
        }

    def analysis_sample(self):
        """The first replica's analysis meters now: per detector its inference seconds and count, and frames skipped."""
        text = urllib.request.urlopen(f"http://127.0.0.1:{self.consumer_ports[0]}/q/metrics", timeout=10).read().decode()
        sample = {"skipped": 0.0}
        for line in text.splitlines():
            match = re.match(r'camstream_consumer_inference_seconds_(sum|count)\{[^}]*detector="([^"]+)"[^}]*\} (\S+)', line)
            if match:
                entry = sample.setdefault(match.group(2), {"sum": 0.0, "count": 0.0})
                entry[match.group(1)] += float(match.group(3))
            elif line.startswith("camstream_consumer_detections_skipped_total{"):
                sample["skipped"] += float(line.rsplit(" ", 1)[1])
        return sample

    def analysis_window(self, seconds):
        """A measured window with what the detectors did in it: ms per inference and inferences a second per detector."""
        before = self.analysis_sample()
        window = self.window(seconds)
        after = self.analysis_sample()
        window["skipped_by_detector"] = after["skipped"] - before["skipped"]
        window["detectors"] = {}
        for name, entry in after.items():
            if name == "skipped":
                continue
            previous = before.get(name, {"sum": 0.0, "count": 0.0})
            count = entry["count"] - previous["count"]
            window["detectors"][name] = {
                "per_second": count / window["seconds"],
                "inference_ms": (entry["sum"] - previous["sum"]) * 1000 / count if count else None}
        return window

    def stop(self):
        self.run.stop(self.producer)
        for consumer in self.consumers:
            self.run.stop(consumer)


def by_group(before, after, process_ms, frames):
    """CPU ms per frame by thread group over a window; 'other' also holds threads that ended within it."""
    groups = {group: 0.0 for group, _ in THREAD_GROUPS}
    for tid, (name, ms) in after.items():
        groups[thread_group(name)] = groups.get(thread_group(name), 0.0) + ms - before.get(tid, (name, 0.0))[1]
    groups["other"] = process_ms - sum(groups.values())
    return {group: ms / frames for group, ms in groups.items()}


# ---- helpers ----
def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def ready(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/q/health/ready", timeout=5) as response:
            return response.status == 200
    except Exception:
        return False


def port_open(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(condition, seconds, what, processes):
    deadline = time.monotonic() + seconds
    while True:
        for process in processes:
            if not process.alive():
                raise RuntimeError(f"{process.name} exited early: see {process.log}")
        try:
            if condition():
                return
        except Exception:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not ready after {seconds}s")
        time.sleep(0.5)


def camera(size, noise=NOISE):
    return f"testsrc?size={size}&rate={FPS}&noise={noise}"


def tool(main_class, *arguments):
    classpath = f"{BENCH}/target/classes:{(BENCH / 'target' / 'classpath.txt').read_text().strip()}"
    result = subprocess.run(["java", "-cp", classpath, main_class, *map(str, arguments)],
                            check=True, capture_output=True, text=True)
    return [line.split(",") for line in result.stdout.splitlines() if line.strip()]


# ---- the five parts ----
def measure_floor(mode):
    """Bare loops, flat out and at a camera's pace, per size and side."""
    floor = {}
    for size in mode["sizes"]:
        for pace, frames in ((0, mode["floor_frames"]), (FPS, mode["floor_paced"])):
            say(f"floor {size}{' at %d fps' % pace if pace else ''}")
            rows = tool("dev.camstream.bench.Floor", size, NOISE, mode["floor_warmup"], frames, mode["repeats"], pace)
            for side in ("producer", "consumer"):
                key = f"{side}{'_paced' if pace else ''}"
                values = [float(r[5]) for r in rows if r[0] == side]
                floor.setdefault(size, {})[key] = spread(values)
                if side == "producer":
                    floor[size]["jpeg_bytes"] = spread([float(r[7]) for r in rows if r[0] == side])
    return floor


def measure_cost(run, mode):
    """One camera per size at 25 fps through the broker; the windows after the warm-up are the repeats."""
    cost, wire, startup = {}, {}, []
    for size in mode["sizes"]:
        say(f"cost {size}: warm-up {mode['cost_warmup']} s, {mode['repeats']} windows of {mode['window']} s")
        services = run.start_services({"bench": camera(size)})
        startup.append({"ready_s": services.ready_seconds, "first_stats_s": services.first_stats_seconds})
        try:
            time.sleep(mode["cost_warmup"])
            windows = [services.window(mode["window"]) for _ in range(mode["repeats"])]
            cost[size] = {key: spread([w[key] for w in windows]) for key in
                          ("producer_cpu_ms_per_frame", "consumer_cpu_ms_per_frame", "fps")}
            cost[size]["windows"] = windows
            cost[size]["by_thread"] = {
                side: {group: spread([w["cpu_ms_per_frame_by_thread"][side][group] for w in windows])
                       for group in windows[0]["cpu_ms_per_frame_by_thread"][side]}
                for side in ("producer", "consumer")}
            rows = tool("dev.camstream.bench.WireCost", run.bootstrap, services.topic, mode["wire_records"])
            wire[size] = {"records": len(rows), "v1_bytes": spread([int(r[1]) for r in rows]),
                          "seed_bytes": spread([int(r[2]) for r in rows])}
        finally:
            services.stop()
    return cost, wire, startup


def measure_capacity(run, mode):
    """More and more cameras until frames are lost or late; the last load that held is the capacity."""
    steps = []
    for count in range(mode["capacity_from"], mode["capacity_to"] + 1):
        say(f"capacity: {count} cameras {mode['capacity_size']}")
        services = run.start_services({f"cam{i + 1}": camera(mode["capacity_size"]) for i in range(count)})
        try:
            services.follow_latency()
            time.sleep(mode["capacity_warmup"])
            windows = [services.window(mode["capacity_window"]) for _ in range(mode["repeats"])]
        finally:
            services.stop()
        latencies_ok = all(w["p99_ms"] is not None and w["p99_ms"] < MAX_P99_MS for w in windows)
        loss_ok = all(w["loss"] < MAX_LOSS for w in windows)
        step = {"cameras": count, "holds": latencies_ok and loss_ok, "windows": windows}
        for key in ("fps", "loss", "p50_ms", "p95_ms", "p99_ms", "producer_cpu_ms_per_frame",
                    "consumer_cpu_ms_per_frame"):
            step[key] = spread([w[key] for w in windows])
        for name in ("producer", "consumer", "kafka"):
            step[f"{name}_cores"] = spread([w["cpu_cores"][name] for w in windows])
            step[f"{name}_rss_mb"] = spread([w["rss_mb"][name] for w in windows])
        steps.append(step)
        if not step["holds"]:
            break
    held = [s["cameras"] for s in steps if s["holds"]]
    return {"size": mode["capacity_size"], "steps": steps, "cameras": max(held) if held else 0}


def gstreamer_present():
    check = ("import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import Gst, GstRtspServer; "
             "Gst.init(None); import sys; sys.exit(0 if Gst.ElementFactory.find('x264enc') else 1)")
    return os.access(PYTHON, os.X_OK) and subprocess.run([PYTHON, "-c", check], capture_output=True).returncode == 0


def skipped(part):
    """A part that needs GStreamer's RTSP server on a machine without it: skipped loudly, or fails under CI."""
    message = "GStreamer's RTSP server is missing (see .ci/run for the Debian packages)"
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError(message)
    say(f"SKIPPED {part}: {message}")
    return {"skipped": message}


def start_test_camera(run, mount):
    """deploy/local/test-camera.py serving one mount (NAME=PATTERN[:WxH[:FPS[:KBPS[:CODEC]]]]) on --rtsp-port."""
    server = run.start("test-camera", [PYTHON, str(ROOT / "deploy/local/test-camera.py"), "--port",
                                       str(run.args.rtsp_port), mount])
    wait_for(lambda: "serving" in Path(server.log).read_text(), 30, "the RTSP test camera", [server])
    return server, f"rtsp://127.0.0.1:{run.args.rtsp_port}/{mount.split('=')[0]}"


def measure_rtsp(run, mode):
    """One camera as an IP camera sends it: H.264 over RTSP from GStreamer's server (deploy/local/test-camera.py,
    moving ball). The producer now decodes H.264 where testsrc generated a pattern."""
    if not gstreamer_present():
        return skipped("the RTSP camera")
    size, kbps = mode["rtsp_size"], mode["rtsp_kbps"]
    say(f"RTSP camera {size} at {kbps} kbit/s: warm-up {mode['rtsp_warmup']} s, {mode['repeats']} windows")
    server, url = start_test_camera(run, f"cam=ball:{size}:{FPS}:{kbps}")
    services = run.start_services({"cam": url})
    try:
        services.follow_latency()
        time.sleep(mode["rtsp_warmup"])
        server_cpu = server.cpu_ms()
        started = time.monotonic()
        windows = [services.window(mode["window"]) for _ in range(mode["repeats"])]
        server_cores = (server.cpu_ms() - server_cpu) / 1000 / (time.monotonic() - started)
    finally:
        services.stop()
        run.stop(server)
    result = {"size": size, "kbps": kbps, "camera_server_cores": server_cores, "windows": windows}
    for key in ("producer_cpu_ms_per_frame", "consumer_cpu_ms_per_frame", "fps", "loss", "p50_ms", "p95_ms",
                "p99_ms", "max_ms"):
        result[key] = spread([w[key] for w in windows])
    return result


def measure_stability(run, mode):
    """RSS of every process through a long run: it must level off, not climb."""
    count, seconds = mode["stability_cameras"], mode["stability_seconds"]
    say(f"stability: {count} cameras {mode['capacity_size']} for {seconds} s")
    services = run.start_services({f"cam{i + 1}": camera(mode["capacity_size"]) for i in range(count)})
    samples = []
    try:
        services.follow_latency()
        first = services.sample()
        deadline = time.monotonic() + seconds
        step = max(1, seconds // 20)
        services.recording = True
        while time.monotonic() < deadline:
            time.sleep(min(step, max(0, deadline - time.monotonic())))
            latencies, services.latencies = list(services.latencies.values()), {}
            now = services.sample()
            samples.append({"t_s": round(now["time"] - first["time"], 1), **now["rss_mb"],
                            "processed": now["processed"] - first["processed"],
                            "lost": now["gaps"] + now["skipped"] - first["gaps"] - first["skipped"],
                            "p99_ms": percentile(latencies, 99), "max_ms": max(latencies, default=None)})
        services.recording = False
        producer_states = {c["state"] for c in services.producer_cameras()}
    finally:
        services.stop()
    return {"cameras": count, "size": mode["capacity_size"], "seconds": seconds, "samples": samples,
            "producer_states_at_end": sorted(producer_states)}


def measure_passthrough(run, mode_name):
    """The cameras' own H.264 carried through (wire format v2) against the same cameras as JPEG (v1): the floor
    of each side (PassthroughFloor), the services' cost per frame on one camera, bytes per frame, and many
    cameras at once. The cameras are one GStreamer RTSP mount that every camera reads in a session of its own,
    so that the machine encodes the video once; the server's CPU is measured apart."""
    plan = PASSTHROUGH[mode_name]
    if not gstreamer_present():
        return skipped("passthrough")
    size, kbps = plan["size"], plan["kbps"]
    server, url = start_test_camera(run, f"cam=snow:{size}:{FPS}:{kbps}")
    result = {**plan, "date": datetime.date.today().isoformat(), "commit": commit_of(ROOT)}
    try:
        say(f"passthrough floor {size} at {kbps} kbit/s")
        rows = tool("dev.camstream.bench.PassthroughFloor", url, plan["floor_warmup"], plan["floor_units"],
                    plan["repeats"])
        result["floor"] = {side: spread([float(r[2]) for r in rows if r[0] == side])
                           for side in ("producer", "consumer")}
        for encoding in ("passthrough", "jpeg"):
            say(f"{encoding}: one camera {size}, warm-up {plan['warmup']} s, {plan['repeats']} windows")
            services = run.start_services({"cam": url}, encoding=encoding)
            try:
                services.follow_latency()
                time.sleep(plan["warmup"])
                windows = [services.window(plan["window"]) for _ in range(plan["repeats"])]
                wire = tool("dev.camstream.bench.WireCost", run.bootstrap, services.topic, plan["wire_records"])
                lookups = past_frames(run.args.consumer_port, "cam", plan["lookups"], plan["window"] * plan["repeats"])
            finally:
                services.stop()
            one = {key: spread([w[key] for w in windows]) for key in
                   ("producer_cpu_ms_per_frame", "consumer_cpu_ms_per_frame", "fps", "p99_ms")}
            one["record_bytes"] = spread([int(r[1]) for r in wire])
            one["frames_at"] = lookups
            one["windows"] = windows
            result[encoding] = one
        count, replicas = plan["cameras"], plan["consumers"]
        say(f"passthrough: {count} cameras {size} to {replicas} consumer replicas, warm-up {plan['warmup']} s, "
            f"{plan['repeats']} windows")
        services = run.start_services({f"cam{i + 1}": url for i in range(count)}, encoding="passthrough",
                                      consumers=replicas)
        try:
            services.follow_latency()
            time.sleep(plan["warmup"])
            server_cpu, started = server.cpu_ms(), time.monotonic()
            windows = [services.window(plan["window"]) for _ in range(plan["repeats"])]
            server_cores = (server.cpu_ms() - server_cpu) / 1000 / (time.monotonic() - started)
        finally:
            services.stop()
        many = {"cameras": count, "consumers": replicas, "camera_server_cores": server_cores, "windows": windows,
                "holds": all(w["loss"] < MAX_LOSS and w["p99_ms"] is not None and w["p99_ms"] < MAX_P99_MS
                             for w in windows)}
        for key in ("fps", "loss", "p50_ms", "p99_ms", "producer_cpu_ms_per_frame", "consumer_cpu_ms_per_frame"):
            many[key] = spread([w[key] for w in windows])
        for name in ("producer", "consumer", "kafka"):
            many[f"{name}_cores"] = spread([w["cpu_cores"][name] for w in windows])
        result["many"] = many
    finally:
        run.stop(server)
    return result


def measure_analysis(run, mode_name):
    """Detection: the floor (DetectorFloor, the bare OpenCV calls on the same pictures), camstream's inference time
    per detector on whole frames of the pedestrian video (idle interval 0: every analysis is a whole frame), cameras
    of the video held with people detected at 5 a second (motion-gated, as configured by default), and a still
    scene's cost with detection on against off."""
    plan = ANALYSIS[mode_name]
    if not gstreamer_present():
        return skipped("analysis")
    if not PEDESTRIANS.exists():
        message = f"{PEDESTRIANS} is missing (Debian opencv-doc)"
        if os.environ.get("CI", "").lower() == "true":
            raise RuntimeError(message)
        say(f"SKIPPED analysis: {message}")
        return {"skipped": message}
    face = FACE_MODEL.exists()
    result = {**plan, "date": datetime.date.today().isoformat(), "commit": commit_of(ROOT), "face_model": face,
              "floor": {}, "inference": {}}
    for size in plan["sizes"]:
        say(f"analysis floor {size}")
        rows = tool("dev.camstream.bench.DetectorFloor", PEDESTRIANS, size, plan["floor_pictures"], plan["repeats"],
                    *([FACE_MODEL] if face else []))
        result["floor"][size] = {name: spread([float(r[2]) for r in rows if r[0] == name]) for name in {r[0] for r in rows}}
    detectors = "people,face" if face else "people"
    options = [f"-Dcamstream.detectors.face.model={FACE_MODEL}"] if face else []

    def session(url_by_camera, env, what):
        say(f"analysis: {what}, warm-up {plan['warmup']} s, {plan['repeats']} windows of {plan['window']} s")
        services = run.start_services(url_by_camera, consumer_env=env, consumer_options=options)
        try:
            services.follow_latency()
            time.sleep(plan["warmup"])
            return [services.analysis_window(plan["window"]) for _ in range(plan["repeats"])]
        finally:
            services.stop()

    for size in plan["sizes"]:
        server, url = start_test_camera(run, f"cam={PEDESTRIANS}:{size}:{FPS}:{plan['kbps']}")
        try:
            windows = session({"cam": url}, {"CAMSTREAM_DETECTORS": detectors, "CAMSTREAM_ANALYSIS_IDLE_INTERVAL": "0s"},
                              f"whole frames {size}")
        finally:
            run.stop(server)
        names = windows[0]["detectors"].keys()
        result["inference"][size] = {name: {
            "inference_ms": spread([w["detectors"][name]["inference_ms"] for w in windows]),
            "per_second": spread([w["detectors"][name]["per_second"] for w in windows])} for name in names}
        result["inference"][size]["consumer_cpu_ms_per_frame"] = spread([w["consumer_cpu_ms_per_frame"] for w in windows])
    size = plan["size"]
    steps = []
    server, url = start_test_camera(run, f"walk={PEDESTRIANS}:{size}:{FPS}:{plan['kbps']}")
    try:
        for count in range(1, plan["cameras_to"] + 1):
            windows = session({f"cam{i + 1}": url for i in range(count)}, {"CAMSTREAM_DETECTORS": "people"},
                              f"{count} cameras {size} with people detected")
            step = {"cameras": count, "windows": windows,
                    "holds": all(w["loss"] < MAX_LOSS and w["p99_ms"] is not None and w["p99_ms"] < MAX_P99_MS
                                 for w in windows)}
            for key in ("fps", "loss", "p99_ms", "consumer_cpu_ms_per_frame", "skipped_by_detector"):
                step[key] = spread([w[key] for w in windows])
            step["detections_per_second"] = spread([w["detectors"].get("people", {}).get("per_second", 0) for w in windows])
            step["consumer_cores"] = spread([w["cpu_cores"]["consumer"] for w in windows])
            steps.append(step)
            if not step["holds"]:
                break
    finally:
        run.stop(server)
    held = [s["cameras"] for s in steps if s["holds"]]
    result["capacity"] = {"size": size, "steps": steps, "cameras": max(held) if held else 0}
    server, url = start_test_camera(run, f"still=708090:{size}:{FPS}:{plan['kbps']}")
    try:
        still = {}
        for label, env in (("off", {}), ("on", {"CAMSTREAM_DETECTORS": "people"})):
            windows = session({"still": url}, env, f"a still scene {size}, detection {label}")
            still[label] = {"consumer_cpu_ms_per_frame": spread([w["consumer_cpu_ms_per_frame"] for w in windows]),
                            "detections_per_second": spread([w["detectors"].get("people", {}).get("per_second", 0)
                                                             for w in windows])}
        result["still"] = still
    finally:
        run.stop(server)
    return result


def past_frames(port, camera, count, seconds):
    """Sequential /frames/at lookups as recorded (annotate=false) at random times of the camera's last seconds:
    a passthrough camera's frame is decoded from its last keyframe, a JPEG is served as it is."""
    base = f"http://127.0.0.1:{port}"
    newest = datetime.datetime.fromisoformat(get_json(f"{base}/frames/span?camera={camera}")["newest"]
                                             .replace("Z", "+00:00")).timestamp() * 1000
    rng = random.Random(23)
    times = []
    for _ in range(count):
        at = int(rng.uniform(newest - seconds * 1000, newest - 1000))
        started = time.monotonic()
        with urllib.request.urlopen(f"{base}/frames/at?camera={camera}&annotate=false&time={at}", timeout=30) as r:
            r.read()
        times.append((time.monotonic() - started) * 1000)
    return {"count": count, "seconds": seconds, "p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99),
            "max_ms": max(times)}


def commit_of(path):
    """The short commit of the checkout a path is in, with "+changes" if its work tree differs from it."""
    folder = path if path.is_dir() else path.parent
    git = lambda *a: subprocess.run(["git", "-C", str(folder), *a], capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD")
    return f"{commit}{'+changes' if git('status', '--porcelain', '--untracked-files=no') else ''}" if commit else "?"


def measure_history(run, mode_name):
    """/frames/at and /clips over an hour of one camera: the producer's own frames (a source run of 12 s)
    written again as the camera's last hour by HistoryFill, then a consumer that sees the camera live."""
    plan = HISTORY[mode_name]
    say(f"history: {plan['seconds']} s of {plan['size']} into one partition")
    source = run.start_services({"source": camera(plan["size"])})
    try:
        time.sleep(12)
    finally:
        source.stop()
    # Kept for twice the span, so that retention deletes none of it while it is measured.
    topic = run.create_topic(1, retention_bytes=-1, retention_ms=2 * plan["seconds"] * 1000)
    camera_id = "door"
    fill = tool("dev.camstream.bench.HistoryFill", run.bootstrap, source.topic, topic, camera_id,
                plan["seconds"], 0, 1)[0]
    log = run.work / "data" / "kafka" / "logs" / f"{topic}-0"
    disk_bytes = sum(f.stat().st_size for f in log.iterdir() if f.suffix == ".log")
    consumer = run.start("consumer", ["java", "-Xmx512m", "-jar", str(JAR["consumer-service"])], {
        "KAFKA_BOOTSTRAP_SERVERS": run.bootstrap, "CAMSTREAM_TOPIC": topic, "CAMSTREAM_GROUP_ID": f"{topic}-consumer",
        "CAMSTREAM_CONSUMER_PORT": str(run.args.consumer_port)})
    base = f"http://127.0.0.1:{run.args.consumer_port}"
    try:
        wait_for(lambda: ready(run.args.consumer_port), 120, "consumer-service", [consumer])
        live = threading.Thread(target=tool, args=("dev.camstream.bench.HistoryFill", run.bootstrap, source.topic,
                                                   topic, camera_id, 0, 6, plan["seconds"] * FPS + 1))
        live.start()
        wait_for(lambda: get_json(f"{base}/frames/span?camera={camera_id}")["oldest"], 60, "the camera's span",
                 [consumer])
        live.join()
        span = get_json(f"{base}/frames/span?camera={camera_id}")
        oldest = datetime.datetime.fromisoformat(span["oldest"].replace("Z", "+00:00")).timestamp() * 1000
        newest = oldest + plan["seconds"] * 1000 - 1000
        rng = random.Random(17)
        lookups = {}
        for annotate in ("true", "false"):
            times, wrong = [], 0
            for _ in range(plan["lookups"]):
                at = rng.uniform(oldest + 1000, newest)
                started = time.monotonic()
                with urllib.request.urlopen(f"{base}/frames/at?camera={camera_id}&annotate={annotate}&time={int(at)}",
                                            timeout=30) as response:
                    response.read()
                    captured = response.headers["X-Capture-Time"]
                times.append((time.monotonic() - started) * 1000)
                captured_ms = datetime.datetime.fromisoformat(captured.replace("Z", "+00:00")).timestamp() * 1000
                # The frame at or before the time, and the camera's frame before it at most one frame earlier.
                if not (at - 1000 / FPS - 1 <= captured_ms <= at + 1):
                    wrong += 1
            lookups[annotate] = {"count": len(times), "p50_ms": percentile(times, 50),
                                 "p99_ms": percentile(times, 99), "max_ms": max(times), "wrong": wrong}
        clips = []
        for _ in range(plan["clips"]):
            start = int(rng.uniform(oldest, newest - plan["clip_seconds"] * 1000))
            started = time.monotonic()
            with urllib.request.urlopen(f"{base}/clips?camera={camera_id}&from={start}"
                                        f"&to={start + plan['clip_seconds'] * 1000}", timeout=600) as response:
                size = len(response.read())
            seconds = time.monotonic() - started
            clips.append({"seconds": seconds, "bytes": size, "realtime": plan["clip_seconds"] / seconds})
        return {**plan, "date": datetime.date.today().isoformat(), "commit": commit_of(ROOT), "frames": int(fill[0]), "wire_bytes": int(fill[1]), "fill_s": float(fill[2]),
                "disk_bytes": disk_bytes, "lookups": lookups, "clips": clips,
                "clip_realtime": spread([c["realtime"] for c in clips]),
                "consumer_rss_mb": consumer.rss_mb()}
    finally:
        run.stop(consumer)


def measure_ab(run, mode, service, other_jar):
    """One service's CPU per frame with another build and with this one, alternated on the same loads in one
    sitting, so that the machine's own drift from day to day cannot pass for a change of the code."""
    loads = {f"testsrc {mode['capacity_size']}": camera(mode["capacity_size"])}
    server = None
    if gstreamer_present():
        size, kbps = mode["rtsp_size"], mode["rtsp_kbps"]
        server, loads[f"RTSP {size} {kbps} kbit/s"] = start_test_camera(run, f"cam=ball:{size}:{FPS}:{kbps}")
    builds = {"before": Path(other_jar).resolve(), "after": JAR[service]}
    result = {"other_jar": str(builds["before"]), "other": commit_of(builds["before"]),
              "this": commit_of(ROOT), "loads": {}}
    side = service.split("-")[0]
    try:
        for load, url in loads.items():
            windows = {label: [] for label in builds}
            for repeat in range(mode["repeats"]):
                for label, jar in builds.items():
                    say(f"{side} {label}, {load}: repeat {repeat + 1} of {mode['repeats']}")
                    services = run.start_services({"cam": url}, jars={service: jar})
                    try:
                        time.sleep(mode["rtsp_warmup"])
                        windows[label].append(services.window(mode["window"]))
                    finally:
                        services.stop()
            result["loads"][load] = {label: spread([w[f"{side}_cpu_ms_per_frame"] for w in ws])
                                     for label, ws in windows.items()}
    finally:
        if server:
            run.stop(server)
    result["date"] = datetime.date.today().isoformat()
    return result


def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    os_name = re.search(r'PRETTY_NAME="(.*)"', Path("/etc/os-release").read_text())
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    kafka = re.search(r"<kafka.version>(.*)</kafka.version>", (ROOT / "deploy/local/kafka/pom.xml").read_text())
    pom = (ROOT / "pom.xml").read_text()
    version = lambda name: re.search(rf"<{name}>(.*)</{name}>", pom).group(1)
    return {"cpu": cpu.group(1) if cpu else platform.processor(), "cores": os.cpu_count(),
            "memory_gib": round(int(memory.group(1)) / 1024 / 1024, 1), "os": os_name.group(1) if os_name else "",
            "kernel": platform.release(), "java": java[0] if java else "?",
            "kafka": kafka.group(1) if kafka else "?", "javacv": version("javacv.version"),
            "ffmpeg": version("ffmpeg.version"), "opencv": version("opencv.version"),
            "date": datetime.date.today().isoformat()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a two-minute run that proves the harness works")
    parser.add_argument("--out", type=Path, help="output folder (default docs/, or target/bench-smoke with --smoke)")
    parser.add_argument("--kafka-port", type=int, default=int(os.environ.get("BENCH_KAFKA_PORT", 19092)))
    parser.add_argument("--producer-port", type=int, default=int(os.environ.get("BENCH_PRODUCER_PORT", 18080)))
    parser.add_argument("--consumer-port", type=int, default=int(os.environ.get("BENCH_CONSUMER_PORT", 18081)))
    parser.add_argument("--rtsp-port", type=int, default=int(os.environ.get("BENCH_RTSP_PORT", 18554)))
    for service in ("producer", "consumer"):
        parser.add_argument(f"--compare-{service}", type=Path, metavar="JAR",
                            help=f"only compare the {service}'s cost per frame with this other build's "
                                 "quarkus-run.jar, alternating the two on the same loads, and add that to the saved "
                                 "results in --out")
    parser.add_argument("--history", action="store_true",
                        help="only measure looking back (/frames/at, /clips over an hour of one camera) and add that "
                             "to the saved results in --out")
    parser.add_argument("--passthrough", action="store_true",
                        help="only measure passthrough against JPEG on RTSP cameras (about 8 min) and add that to "
                             "the saved results in --out")
    parser.add_argument("--analysis", action="store_true",
                        help="only measure detection (about 12 min: floor, inference, cameras held, still scene) and "
                             "add that to the saved results in --out")
    parser.add_argument("--report", type=Path, metavar="JSON",
                        help="only rewrite benchmarks.md and .csv beside this benchmarks.json, measuring nothing")
    args = parser.parse_args()
    if args.report:
        write_report(json.loads(args.report.read_text()), args.report.parent)
        return
    mode_name = "smoke" if args.smoke else "full"
    mode = MODES[mode_name]
    out = args.out or (BENCH / "target" / "bench-smoke" if args.smoke else ROOT / "docs")
    out.mkdir(parents=True, exist_ok=True)
    for service, other_jar in (("producer", args.compare_producer), ("consumer", args.compare_consumer)):
        if other_jar:
            add_part(args, mode_name, out, f"{service}_ab",
                     lambda run, side=service, jar=other_jar: measure_ab(run, mode, f"{side}-service", jar))
            return
    if args.history:
        add_part(args, mode_name, out, "history", lambda run: measure_history(run, mode_name))
        return
    if args.passthrough:
        add_part(args, mode_name, out, "passthrough", lambda run: measure_passthrough(run, mode_name))
        return
    if args.analysis:
        add_part(args, mode_name, out, "analysis", lambda run: measure_analysis(run, mode_name))
        return
    started = time.monotonic()
    results = {"mode": mode_name, "settings": {**mode, "noise": NOISE, "fps": FPS, "max_loss": MAX_LOSS,
                                               "max_p99_ms": MAX_P99_MS}, "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="camstream-bench-") as work:
        run = Run(args, Path(work))
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        # The JSON is rewritten after every part: a run that fails late still leaves what it measured.
        save = lambda: (out / "benchmarks.json").write_text(json.dumps(results, indent=1))
        try:
            results["floor"] = measure_floor(mode)
            save()
            say("starting the broker")
            results["broker_start_s"] = run.start_broker()
            results["cost"], results["wire"], results["startup"] = measure_cost(run, mode)
            save()
            results["rtsp"] = measure_rtsp(run, mode)
            save()
            results["capacity"] = measure_capacity(run, mode)
            save()
            results["stability"] = measure_stability(run, mode)
            save()
            results["history"] = measure_history(run, mode_name)
            save()
            results["passthrough"] = measure_passthrough(run, mode_name)
            save()
            results["analysis"] = measure_analysis(run, mode_name)
        except BaseException:
            print_logs(run)
            raise
        finally:
            run.stop_all()
    results["duration_s"] = round(time.monotonic() - started)
    save()
    write_report(results, out)
    say(f"done in {results['duration_s']} s: {out / 'benchmarks.md'}")


def print_logs(run):
    for process in run.processes:
        say(f"log of {process.name}: {process.log}; last lines:")
        print(Path(process.log).read_text(errors="replace")[-1500:], file=sys.stderr)


def add_part(args, mode_name, out, key, measure):
    """Measures one part on a broker of its own, adds it to the results saved in out and rewrites the page."""
    saved = out / "benchmarks.json"
    results = json.loads(saved.read_text()) if saved.exists() else {"mode": mode_name, "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="camstream-bench-") as work:
        run = Run(args, Path(work))
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            say("starting the broker")
            run.start_broker()
            results[key] = measure(run)
        except BaseException:
            print_logs(run)
            raise
        finally:
            run.stop_all()
    saved.write_text(json.dumps(results, indent=1))
    if "floor" in results:
        write_report(results, out)
        say(f"done: {out / 'benchmarks.md'}")
    else:
        say(f"done: {saved} (no full run saved there, so no page written)")
        print(json.dumps(results[key], indent=1))


def write_report(results, out):
    with open(out / "benchmarks.csv", "w", newline="") as f:
        csv.writer(f).writerows(report.rows(results))
    (out / "benchmarks.md").write_text(report.page(results))


if __name__ == "__main__":
    main()
