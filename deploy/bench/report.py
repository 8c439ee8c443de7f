"""Turns the results of deploy/bench/bench.py into docs/benchmarks.md and a flat CSV. Every number on the page
comes from the results it is given; the prose around them says how they were taken."""
import statistics

TARGET_SIZE = "1280x720"
TARGET_RATIO = 1.25
TARGET_CAMERAS = 4
TARGET_WIRE = 50
TARGET_PASSTHROUGH_PRODUCER_MS = 0.5
TARGET_PASSTHROUGH_CAMERAS = 10
MAX_LOSS_PERCENT = 1
MAX_P99 = 250
KAFKA_DEFAULT_MAX_MESSAGE = 1048588


def fig(s, digits=2, scale=1.0):
    """median (min–max) of a spread, or a single value when there was one repeat."""
    if s is None:
        return "—"
    f = lambda v: f"{v * scale:,.{digits}f}"
    if s["n"] == 1 or s["min"] == s["max"]:
        return f(s["median"])
    return f"{f(s['median'])} ({f(s['min'])}–{f(s['max'])})"


def ratio(a, b):
    return a["median"] / b["median"] if a and b and b["median"] else None


def rows(results):
    """section,subject,figure,min,median,max,unit"""
    out = [["section", "subject", "figure", "min", "median", "max", "unit"]]

    def add(section, subject, figure, s, unit):
        if s:
            out.append([section, subject, figure, round(s["min"], 4), round(s["median"], 4), round(s["max"], 4), unit])

    for size, floor in results["floor"].items():
        for key in ("producer", "consumer", "producer_paced", "consumer_paced"):
            add("floor", size, f"{key}_cpu_per_frame", floor.get(key), "ms")
    for size, cost in results["cost"].items():
        add("camstream", size, "producer_cpu_per_frame", cost["producer_cpu_ms_per_frame"], "ms")
        add("camstream", size, "consumer_cpu_per_frame", cost["consumer_cpu_ms_per_frame"], "ms")
        add("camstream", size, "fps", cost["fps"], "frames/s")
    for size, wire in results["wire"].items():
        add("wire", size, "v1_bytes_per_frame", wire["v1_bytes"], "bytes")
        add("wire", size, "seed_bytes_per_frame", wire["seed_bytes"], "bytes")
    rtsp = results.get("rtsp", {})
    if "windows" in rtsp:
        for key, unit in (("producer_cpu_ms_per_frame", "ms"), ("consumer_cpu_ms_per_frame", "ms"),
                          ("p50_ms", "ms"), ("p95_ms", "ms"), ("p99_ms", "ms")):
            add("rtsp", f"{rtsp['size']} {rtsp['kbps']} kbit/s", key, rtsp[key], unit)
    for step in results["capacity"]["steps"]:
        subject = f"{step['cameras']} cameras {results['capacity']['size']}"
        for key, unit in (("fps", "frames/s"), ("loss", "fraction"), ("p50_ms", "ms"), ("p95_ms", "ms"),
                          ("p99_ms", "ms"), ("producer_cores", "cores"), ("consumer_cores", "cores"),
                          ("kafka_cores", "cores"), ("producer_rss_mb", "MiB"), ("consumer_rss_mb", "MiB"),
                          ("kafka_rss_mb", "MiB")):
            add("capacity", subject, key, step[key], unit)
    for sample in results["stability"]["samples"]:
        for name in ("producer", "consumer", "kafka"):
            out.append(["stability", f"t={sample['t_s']}s", f"{name}_rss", "", round(sample[name], 1), "", "MiB"])
    history = results.get("history")
    if history:
        for annotate, lookup in history["lookups"].items():
            subject = f"{history['size']} annotate={annotate}"
            out.append(["history", subject, "frames_at_p50", "", round(lookup["p50_ms"], 2), "", "ms"])
            out.append(["history", subject, "frames_at_p99", "", round(lookup["p99_ms"], 2), "", "ms"])
        add("history", history["size"], "clip_export_realtime", history["clip_realtime"], "x")
        out.append(["history", history["size"], "disk_bytes_per_hour", "",
                    round(history["disk_bytes"] * 3600 / history["seconds"]), "", "bytes"])
    passthrough = results.get("passthrough")
    if passthrough and "floor" in passthrough:
        subject = f"{passthrough['size']} {passthrough['kbps']} kbit/s"
        for side in ("producer", "consumer"):
            add("passthrough", subject, f"{side}_floor_cpu_per_frame", passthrough["floor"][side], "ms")
        for encoding in ("passthrough", "jpeg"):
            x = passthrough[encoding]
            add(encoding, subject, "producer_cpu_per_frame", x["producer_cpu_ms_per_frame"], "ms")
            add(encoding, subject, "consumer_cpu_per_frame", x["consumer_cpu_ms_per_frame"], "ms")
            add(encoding, subject, "record_bytes_per_frame", x["record_bytes"], "bytes")
        many = passthrough["many"]
        subject = f"{many['cameras']} cameras {subject}"
        for key, unit in (("fps", "frames/s"), ("loss", "fraction"), ("p99_ms", "ms"), ("producer_cores", "cores"),
                          ("consumer_cores", "cores"), ("kafka_cores", "cores")):
            add("passthrough", subject, key, many[key], unit)
        out.append(["passthrough", subject, "camera_server_cores", "", round(many["camera_server_cores"], 3), "",
                    "cores"])
    analysis = results.get("analysis")
    if analysis and "floor" in analysis:
        for size, detectors in analysis["inference"].items():
            for name, figures in detectors.items():
                if name in analysis["floor"][size]:
                    add("analysis", f"{size} {name}", "floor_ms_per_inference", analysis["floor"][size][name], "ms")
                    add("analysis", f"{size} {name}", "inference_ms", figures["inference_ms"], "ms")
        for step in analysis["capacity"]["steps"]:
            subject = f"{step['cameras']} cameras {analysis['capacity']['size']} people"
            for key, unit in (("fps", "frames/s"), ("loss", "fraction"), ("p99_ms", "ms"),
                              ("detections_per_second", "1/s")):
                add("analysis", subject, key, step[key], unit)
        for label in ("off", "on"):
            add("analysis", f"still {analysis['capacity']['size']} detection {label}", "consumer_cpu_per_frame",
                analysis["still"][label]["consumer_cpu_ms_per_frame"], "ms")
    return out


def page(r):
    m, s = r["machine"], r["settings"]
    sizes = list(r["cost"])
    lines = [
        "# Benchmarks",
        "",
        f"Written by `deploy/bench/run.sh` on {m['date']} ({r['mode']} run, {r['duration_s'] // 60} min). Every figure",
        "below comes from that one run on the machine described here, except the parts measured on their own later",
        "(their sections say when, and at which commit); rerun the command to check or refresh it.",
        "A figure is the median of its repeats with the minimum and maximum in brackets: `median (min–max)`.",
        "",
        f"**Machine:** {m['cores']} vCPU ({m['cpu']}), {m['memory_gib']} GiB RAM, {m['os']}, kernel {m['kernel']},",
        f"{m['java']}; Kafka {m['kafka']} broker from `deploy/local/kafka.sh` on the same machine; JavaCV {m['javacv']}",
        f"(FFmpeg {m['ffmpeg'].split('-')[0]}, OpenCV {m['opencv'].split('-')[0]}). The services run as their packaged",
        "jars with `-Xmx512m`, as `deploy/local/run.sh` runs them.",
        "",
        f"**Source:** the producer's built-in `testsrc` at {s['fps']} fps with temporal noise `noise={s['noise']}`",
        "(FFmpeg `testsrc2` + `noise=alls=12:allf=t+u`), so every frame carries camera-like entropy; the flat pattern",
        "would flatter both JPEG size and codec time. JPEG quality 80 (the default).",
        "",
        "## Cost per frame against the floor",
        "",
        "The **floor** is `dev.camstream.bench.Floor`: a bare loop over the same libraries doing only the work that",
        "cannot be avoided. Producer floor: libavfilter draws the same test pattern as BGR, as the producer does, and OpenCV",
        "encodes it as JPEG. Consumer floor: OpenCV decodes those JPEGs into a reused image and computes the",
        "statistics (mean and standard deviation per channel, grey conversion and mean absolute difference for",
        "motion). No Kafka, no framework, nothing allocated per frame, one thread, as fast as it goes, after a",
        f"warm-up of {s['floor_warmup']} frames; {s['floor_frames']} frames per repeat. The **paced floor** is the same loop",
        f"sleeping to {s['fps']} fps between frames, as a camera makes it: cold caches and wake-ups cost by themselves.",
        "",
        f"**camstream** is one camera at {s['fps']} fps through the real broker: process CPU time of producer-service ÷",
        "frames sent, and of consumer-service ÷ frames processed, over windows of "
        f"{s['window']} s after a {s['cost_warmup']} s warm-up",
        "(each window is a repeat). It includes everything each process does: Kafka client, messaging, metrics,",
        "HTTP server idling, garbage collection and the JIT compiler.",
        "",
        "| Size | Producer floor | Paced floor | camstream producer | Ratio | Consumer floor | Paced floor | camstream consumer | Ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        f, c = r["floor"][size], r["cost"][size]
        pr = ratio(c["producer_cpu_ms_per_frame"], f["producer"])
        cr = ratio(c["consumer_cpu_ms_per_frame"], f["consumer"])
        lines.append(f"| {size} | {fig(f['producer'])} ms | {fig(f['producer_paced'])} ms | "
                     f"{fig(c['producer_cpu_ms_per_frame'])} ms | **{pr:.2f}×** | {fig(f['consumer'])} ms | "
                     f"{fig(f['consumer_paced'])} ms | {fig(c['consumer_cpu_ms_per_frame'])} ms | **{cr:.2f}×** |")
    lines += [
        "",
        "Ratios are camstream's median over the floor's median (flat out).",
    ]
    lines += breakdown_section(r)
    lines += rtsp_section(r)
    lines += ab_section(r, "producer")
    lines += ab_section(r, "consumer")
    lines += history_section(r)
    lines += passthrough_section(r)
    lines += analysis_section(r)
    lines += [
        "",
        "## Capacity",
        "",
        f"`testsrc` cameras at {r['capacity']['size']}, {s['fps']} fps, `noise={s['noise']}`, all on this one machine with",
        "the broker, one producer-service and one consumer-service. Each load runs after a "
        f"{s['capacity_warmup']} s warm-up for {s['repeats']} windows",
        f"of {s['capacity_window']} s. A load **holds** when every window loses under {s['max_loss']:.0%} of the frames "
        "(sequence gaps and stale",
        f"skips seen by the consumer, ÷ frames) and its p99 capture→statistics latency is under {s['max_p99_ms']:.0f} ms.",
        "Latency is every processed frame's `latencyMs`, read from `/stats/stream`. CPU is in cores (1.0 = one",
        "core busy); RSS in MiB.",
        "",
        "| Cameras | Holds | Frames/s processed | Lost | p50 | p95 | p99 | Producer CPU | Consumer CPU | Kafka CPU | Producer ms/frame | Consumer ms/frame | Producer RSS | Consumer RSS | Kafka RSS |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for step in r["capacity"]["steps"]:
        lines.append(
            f"| {step['cameras']} | {'yes' if step['holds'] else '**no**'} | {fig(step['fps'], 1)} | "
            f"{fig(step['loss'], 2, 100)} % | {fig(step['p50_ms'], 0)} ms | {fig(step['p95_ms'], 0)} ms | "
            f"{fig(step['p99_ms'], 0)} ms | {fig(step['producer_cores'])} | {fig(step['consumer_cores'])} | "
            f"{fig(step['kafka_cores'])} | {fig(step.get('producer_cpu_ms_per_frame'))} | "
            f"{fig(step.get('consumer_cpu_ms_per_frame'))} | {fig(step['producer_rss_mb'], 0)} | {fig(step['consumer_rss_mb'], 0)} | "
            f"{fig(step['kafka_rss_mb'], 0)} |")
    lines += [
        "",
        f"**Capacity: {r['capacity']['cameras']} cameras** at {r['capacity']['size']} {s['fps']} fps on this machine.",
    ]
    failed = [step for step in r["capacity"]["steps"] if not step["holds"]]
    if failed:
        step = failed[0]
        lines += ["", f"{step['cameras']} cameras did not hold; its windows, in order: "
                  + "; ".join(f"p99 {w['p99_ms']:.0f} ms, {w['loss']:.2%} lost" for w in step["windows"]) + "."]
    lines += [
        "",
        "## Wire cost",
        "",
        f"`dev.camstream.bench.WireCost` reads {s['wire_records']} records of each size back from the topic of the cost run",
        "and measures each: wire format v1 (key + JPEG value + headers) against the seed design's message for the",
        "same frame (JSON with the raw RGBA pixels in base64, built from the decoded JPEG and measured). Kafka's",
        "batch framing, the same for both, is left out of both.",
        "",
        "| Size | v1 bytes/frame | Seed bytes/frame | Seed ÷ v1 |",
        "|---|---:|---:|---:|",
    ]
    for size, w in r["wire"].items():
        lines.append(f"| {size} | {fig(w['v1_bytes'], 0)} | {fig(w['seed_bytes'], 0)} | "
                     f"**{ratio(w['seed_bytes'], w['v1_bytes']):.0f}×** |")
    st = r["stability"]
    first, last = st["samples"][0], st["samples"][-1]
    too_large = [size for size, w in r["wire"].items() if w["seed_bytes"]["min"] > KAFKA_DEFAULT_MAX_MESSAGE]
    if too_large:
        lines += ["", f"The seed's messages at {', '.join(too_large)} are over Kafka's default limit of "
                      f"{KAFKA_DEFAULT_MAX_MESSAGE:,} bytes per message",
                  "(`message.max.bytes`): on a default broker every one of them fails."]
    lines += [
        "",
        "## Stability",
        "",
        f"{st['cameras']} cameras at {st['size']} for {st['seconds'] // 60} min {st['seconds'] % 60} s; RSS (MiB) sampled "
        f"{len(st['samples'])} times.",
        "",
        "| Process | RSS at first sample | RSS at end | Highest |",
        "|---|---:|---:|---:|",
    ]
    for name in ("producer", "consumer", "kafka"):
        lines.append(f"| {name} | {first[name]:.0f} (t={first['t_s']:.0f} s) | {last[name]:.0f} (t={last['t_s']:.0f} s) | "
                     f"{max(x[name] for x in st['samples']):.0f} |")
    lines += [
        "",
        f"Frames processed in the run: {last['processed']:,}; lost (gaps + stale skips): {last['lost']:,}. Camera states",
        f"at the end: {', '.join(st['producer_states_at_end'])}. p99 latency of each sample's frames: "
        f"{fig(spread([x['p99_ms'] for x in st['samples'] if x.get('p99_ms') is not None]), 0)} ms;",
        f"the slowest frame of the run: {max(x.get('max_ms') or 0 for x in st['samples']):.0f} ms. The run starts when "
        "the services are ready,",
        f"without a warm-up: after the first sample (t={first['t_s']:.0f} s), {last['lost'] - first['lost']:,} frames "
        "were lost and the highest",
        f"p99 of a sample was {max((x.get('p99_ms') or 0) for x in st['samples'][1:]):.0f} ms.",
        "",
        "## Start-up",
        "",
        f"Broker (fresh data folder, storage formatted): port open after {r['broker_start_s']:.1f} s. Producer and",
        "consumer started together, both ready ("
        f"`/q/health/ready`): {fig(spread([x['ready_s'] for x in r['startup']]), 1)} s; first statistics of",
        f"the camera: {fig(spread([x['first_stats_s'] for x in r['startup']]), 1)} s (over the {len(r['startup'])} "
        "cost runs).",
        "",
        "## Targets",
        "",
    ]
    lines += targets(r)
    lines += [
        "",
        "## Running it",
        "",
        "```",
        "deploy/bench/run.sh            # the full run (about "
        f"{max(1, r['duration_s'] // 60)} min here); rewrites docs/benchmarks.md, .json, .csv",
        "deploy/bench/run.sh --smoke    # a two-minute run into deploy/bench/target/bench-smoke (part of ./mvnw verify)",
        "deploy/bench/run.sh --history  # only looking back (about 3 min), added to the saved results",
        "deploy/bench/run.sh --report docs/benchmarks.json   # rewrites the page and the CSV from saved results",
        "```",
        "",
        "Run it on an otherwise idle machine: everything shares its cores. It starts its own broker on port 19092",
        "and the services on 18080/18081 (`BENCH_KAFKA_PORT`, `BENCH_PRODUCER_PORT`, `BENCH_CONSUMER_PORT`), and",
        "stops all of them when it ends, also on Ctrl-C. `benchmarks.json` holds every window's raw figures.",
        "",
    ]
    return "\n".join(lines)


def breakdown_section(r):
    """CPU ms per frame by thread group, from the same windows as the table above."""
    sizes = [size for size in r["cost"] if "by_thread" in r["cost"][size]]
    if not sizes:
        return []
    groups = list(r["cost"][sizes[0]]["by_thread"]["producer"])
    header = [f"{side} {size}" for side in ("Producer", "Consumer") for size in sizes]
    lines = [
        "",
        "### Where each process's CPU goes",
        "",
        "CPU ms per frame of each group of threads (by thread name, from `/proc/PID/task`), same windows. Pixel",
        "work is the camera threads and the processing worker with the native threads FFmpeg and OpenCV start",
        "from them; `other` is every other thread, including threads that ended within a window. Linux counts CPU",
        "in 10 ms ticks, so a group's figure is exact to about ±0.05 ms per frame (hence the small negatives).",
        "",
        "| Threads | " + " | ".join(header) + " |",
        "|---|" + "---:|" * len(header),
    ]
    for group in groups:
        cells = [fig(r["cost"][size]["by_thread"][side][group]) for side in ("producer", "consumer") for size in sizes]
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    pixel = [r["cost"][size]["by_thread"][side]["pixel work"]["median"] / r["floor"][size][f"{side}_paced"]["median"]
             for side in ("producer", "consumer") for size in sizes]
    lines += [
        "",
        "With one camera, everything but the pixel work is a per-process cost shared by only 25 frames a second:",
        "the Kafka clients' threads, the event loops, and a JIT compiler still at work after the warm-up, because",
        "at 25 calls a second the frame path takes minutes to reach its compile thresholds. The pixel work itself",
        f"costs {min(pixel):.2f}–{max(pixel):.2f}× the paced floor. The capacity table below gives the per-frame "
        "figures at higher",
        "loads, where those shares shrink.",
    ]
    return lines


def rtsp_section(r):
    x = r.get("rtsp")
    lines = ["", "## An RTSP camera", ""]
    if not x or "skipped" in x:
        return lines + [f"Not measured in this run: {x['skipped'] if x else 'not run'}."]
    return lines + [
        f"One camera as an IP camera sends it: GStreamer's RTSP server (`deploy/local/test-camera.py`, moving ball,",
        f"{x['size']}, 25 fps, x264 at {x['kbps']} kbit/s) over RTSP/TCP on loopback. The producer decodes H.264 here",
        "where `testsrc` generated a pattern. The camera server runs on the same cores and used "
        f"{x['camera_server_cores']:.2f} cores.",
        "",
        "| Producer CPU ms/frame | Consumer CPU ms/frame | Frames/s | Lost | p50 | p95 | p99 | max |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {fig(x['producer_cpu_ms_per_frame'])} | {fig(x['consumer_cpu_ms_per_frame'])} | {fig(x['fps'], 1)} | "
        f"{fig(x['loss'], 2, 100)} % | {fig(x['p50_ms'], 1)} ms | {fig(x['p95_ms'], 1)} ms | {fig(x['p99_ms'], 1)} ms | "
        f"{fig(x['max_ms'], 1)} ms |",
    ]


def history_section(r):
    h = r.get("history")
    if not h:
        return []
    hours = h["seconds"] / 3600
    lines = [
        "",
        "## Looking back",
        "",
        f"Measured on {h.get('date', '?')} at commit `{h.get('commit', '?')}` (`deploy/bench/run.sh --history` adds this part to the saved results).",
        f"One {h['size']} camera's last {h['seconds'] // 60} min in one partition: {h['frames']:,} frames, the producer's own",
        "(its `testsrc` with noise, recorded for 12 s) written again with capture times over that span by",
        "`dev.camstream.bench.HistoryFill`, then a consumer (`-Xmx512m`) that sees the camera live. Requests are",
        f"sequential, at random times in the span, from Python on the same machine (wall time, request to last byte).",
        "",
        "| `/frames/at` | Requests | Median | p99 | Slowest | Not the frame at or before the time |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for annotate, label in (("true", "annotated (default)"), ("false", "as recorded (`annotate=false`)")):
        x = h["lookups"][annotate]
        lines.append(f"| {label} | {x['count']} | {x['p50_ms']:.1f} ms | {x['p99_ms']:.1f} ms | {x['max_ms']:.1f} ms | "
                     f"{x['wrong']} |")
    clip = h["clips"][0]
    lines += [
        "",
        f"**Clip export** (`/clips`, {h['clip_seconds']} s of {h['size']} to H.264 MP4 with FFmpeg's `libopenh264`, "
        f"{len(h['clips'])} clips): {fig(h['clip_realtime'], 1)}× real time;",
        f"{clip['bytes'] / h['clip_seconds'] * 8 / 1e6:.1f} Mbit/s of video.",
        "",
        f"**Bytes per hour:** the {h['size']} camera's records took {h['disk_bytes'] / hours / 1e9:.2f} GB per hour in the "
        f"partition's log ({h['wire_bytes'] / hours / 1e9:.2f} GB of keys, values and headers); the wire-cost table gives",
        "other sizes per frame. Writing the hour took "
        f"{h['fill_s']:.0f} s. Consumer RSS at the end: {h['consumer_rss_mb']:.0f} MiB.",
    ]
    return lines


def passthrough_section(r):
    x = r.get("passthrough")
    if not x:
        return []
    lines = ["", "## Passthrough: the camera's own H.264", ""]
    if "skipped" in x:
        return lines + [f"Not measured in this run: {x['skipped']}."]
    per_hour = lambda bytes_per_frame: bytes_per_frame["median"] * 25 * 3600 / 1e9
    pt, jpeg, many = x["passthrough"], x["jpeg"], x["many"]
    producer_ratio = ratio(pt["producer_cpu_ms_per_frame"], x["floor"]["producer"])
    consumer_ratio = ratio(pt["consumer_cpu_ms_per_frame"], x["floor"]["consumer"])
    lines += [
        f"Measured on {x['date']} at commit `{x['commit']}` (`deploy/bench/run.sh --passthrough` adds this part to the",
        f"saved results). The camera: GStreamer's RTSP server (`deploy/local/test-camera.py`), {x['size']} at 25 fps,",
        f"x264 at {x['kbps']} kbit/s of its `snow` pattern, which fills that bitrate as a real scene's detail and",
        "noise do, over RTSP/TCP on loopback. The same camera is sent as JPEG (wire format v1, the producer decodes",
        "and encodes) and passed through (v2: the producer only demuxes; the consumer decodes H.264 once).",
        "",
        "The **floor** is `dev.camstream.bench.PassthroughFloor` on the same camera: producer, FFmpeg's RTSP client",
        "reading packets and copying each out, at the camera's pace; consumer, FFmpeg's H.264 decoder (one thread,",
        "low delay), BGR conversion and the statistics of the JPEG floor, flat out over the units read.",
        f"{x['floor_units']} units per repeat after {x['floor_warmup']}. The services: one camera each way, windows of",
        f"{x['window']} s after {x['warmup']} s, process CPU time per frame as above (one camera is 25 frames a",
        "second: what a process spends whatever the load, its Kafka clients and the JIT compiler, weighs on each).",
        "",
        "| | Producer CPU ms/frame | Consumer CPU ms/frame | p99 capture → statistics | Bytes per frame | GB per hour per camera |",
        "|---|---:|---:|---:|---:|---:|",
        f"| Passthrough floor | {fig(x['floor']['producer'])} | {fig(x['floor']['consumer'])} | | | |",
        f"| Passthrough (v2) | {fig(pt['producer_cpu_ms_per_frame'])} | {fig(pt['consumer_cpu_ms_per_frame'])} | "
        f"{fig(pt['p99_ms'], 1)} ms | {fig(pt['record_bytes'], 0)} | {per_hour(pt['record_bytes']):.2f} |",
        f"| JPEG (v1) | {fig(jpeg['producer_cpu_ms_per_frame'])} | {fig(jpeg['consumer_cpu_ms_per_frame'])} | "
        f"{fig(jpeg['p99_ms'], 1)} ms | {fig(jpeg['record_bytes'], 0)} | {per_hour(jpeg['record_bytes']):.2f} |",
        "",
    ]
    lines += [
        f"One camera alone against the floor: producer {producer_ratio:.2f}×, consumer {consumer_ratio:.2f}×: what each process",
        "spends whatever the load (Kafka clients, the JIT compiler, HTTP) weighs on 25 frames a second, and a",
        "thread woken 25 times a second works colder than the floor's loop. Under load (below) the same work costs",
        "far less per frame. Bytes per frame are a record's key, value and headers (`WireCost`); per hour at 25 fps.",
        "",
    ]
    if "frames_at" in pt:
        a, b = pt["frames_at"], jpeg["frames_at"]
        lines += [
            f"**Random access.** `/frames/at?annotate=false` at {a['count']} random times of the camera's last {a['seconds']} s, one",
            "after the other: a passthrough camera's frame is decoded from its last keyframe (the camera sends one a",
            f"second: up to 25 units read back and decoded, then the JPEG encoded), median {a['p50_ms']:.1f} ms, p99",
            f"{a['p99_ms']:.1f} ms; the JPEG camera's frame is served as recorded, median {b['p50_ms']:.1f} ms, p99 {b['p99_ms']:.1f} ms.",
            "",
        ]
    lines += [
        f"**{many['cameras']} cameras at once**, each its own RTSP session of that camera (one GStreamer mount, so the",
        f"machine encodes the video once), passed through to one producer and {many.get('consumers', 1)} consumer "
        "replicas of one group (Kafka shares",
        "the partitions between them: each decodes its cameras on a core of its own) with the broker, all on",
        f"this machine: {fig(many['fps'], 1)} frames/s processed, {fig(many['loss'], 2, 100)} % lost, p99 capture →",
        f"statistics {fig(many['p99_ms'], 1)} ms (p50 {fig(many['p50_ms'], 1)} ms). Cores used: producer",
        f"{fig(many['producer_cores'])}, consumers {fig(many['consumer_cores'])}, broker {fig(many['kafka_cores'])};",
        f"the camera server apart, {many['camera_server_cores']:.2f}. Per frame: producer",
        f"{fig(many['producer_cpu_ms_per_frame'])} ms ({ratio(many['producer_cpu_ms_per_frame'], x['floor']['producer']):.2f}× "
        f"its floor), consumers {fig(many['consumer_cpu_ms_per_frame'])} ms "
        f"({ratio(many['consumer_cpu_ms_per_frame'], x['floor']['consumer']):.2f}×; of which the decoding threads "
        f"{spread([w['cpu_ms_per_frame_by_thread']['consumer']['pixel work'] for w in many['windows']])['median']:.2f} ms,",
        "the rest the Kafka clients, the event loops serving the benchmark's own statistics stream, and the JIT).",
    ]
    return lines


def analysis_section(r):
    x = r.get("analysis")
    if not x:
        return []
    lines = ["", "## Analysis: detecting people", ""]
    if "skipped" in x:
        return lines + [f"Not measured in this run: {x['skipped']}."]
    sizes = list(x["inference"])
    detectors = sorted({name for size in sizes for name in x["floor"][size]})
    lines += [
        f"Measured on {x['date']} at commit `{x['commit']}` (`deploy/bench/run.sh --analysis` adds this part to the saved",
        "results). The camera: OpenCV's pedestrian video (Debian `opencv-doc`'s `vtest.avi`, 768x576, people walking",
        "across a square) served by GStreamer's RTSP server (`deploy/local/test-camera.py`), scaled to the camera's size",
        f"and paced at 25 fps, x264 at {x['kbps']} kbit/s. Detectors: `people` (OpenCV's HOG, built in)"
        + (", and `face` (MediaPipe's short-range BlazeFace, `deploy/models/fetch.sh`)." if x.get("face_model") else "."),
        "",
        "**Inference per frame.** The floor is `dev.camstream.bench.DetectorFloor`: the bare OpenCV calls on the",
        "same pictures, on one thread as in the service (OpenCV's own thread pool off in both), alone on the machine",
        f"({x['floor_pictures']} frames of the video scaled to the size; for",
        "`people` fitted within 640x480 as camstream fits a whole frame; for `face` its 128x128 blob). camstream is",
        "`camstream_consumer_inference_seconds` of one camera with every analysis a whole frame (idle interval 0) at",
        "5 a second, with the producer, the broker and the camera server sharing the machine's cores, over windows of",
        f"{x['window']} s after {x['warmup']} s.",
        "",
        "| Size | Detector | Floor ms | camstream ms | Ratio | Detections/s |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for size in sizes:
        for name in detectors:
            floor, ours = x["floor"][size].get(name), x["inference"][size].get(name)
            value = ratio(ours["inference_ms"], floor) if floor and ours else None
            if value is None:
                continue  # the detector did not run in the windows: nothing to compare
            lines.append(f"| {size} | `{name}` | {fig(floor, 1)} | {fig(ours['inference_ms'], 1)} | "
                         f"{value:.2f}× | {fig(ours['per_second'], 1)} |")
    cap = x["capacity"]
    lines += [
        "",
        f"**Cameras held with detection.** Cameras of the video at {cap['size']}, 25 fps, each its own RTSP session of one",
        "mount, `people` at 5 detections a second where they move (the defaults: motion-gated, idle interval 30 s),",
        "one producer, one consumer (one detector thread) and the broker on this machine. A load holds as above",
        f"(< {MAX_LOSS_PERCENT} % of the frames lost, p99 capture → statistics < {MAX_P99} ms); detection is apart from",
        "statistics, so a busy detector skips frames (latest wins) rather than delaying them.",
        "",
        "| Cameras | Holds | Frames/s | Lost | p99 | Consumer cores | Detections/s | Skipped by the detector/window |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for step in cap["steps"]:
        lines.append(f"| {step['cameras']} | {'yes' if step['holds'] else 'no'} | {fig(step['fps'], 1)} | "
                     f"{fig(step['loss'], 2, 100)} % | {fig(step['p99_ms'], 0)} ms | {fig(step['consumer_cores'])} | "
                     f"{fig(step['detections_per_second'], 1)} | {fig(step['skipped_by_detector'], 0)} |")
    still = x["still"]
    lines += [
        "",
        f"**A still scene** (one camera of a plain colour at {cap['size']}, 25 fps): consumer CPU per frame with",
        f"detection off {fig(still['off']['consumer_cpu_ms_per_frame'])} ms, on {fig(still['on']['consumer_cpu_ms_per_frame'])} ms",
        f"({fig(still['on']['detections_per_second'], 2)} detections a second: nothing moves, so only the idle interval",
        "analyses it, and each frame costs a thumbnail comparison).",
    ]
    return lines


def ab_section(r, side):
    """One service's cost per frame with another build and this one, from run.sh --compare-producer/-consumer."""
    ab = r.get(f"{side}_ab")
    if not ab:
        return []
    lines = ["", f"## The {side} against another build", "",
             f"From `deploy/bench/run.sh --compare-{side} JAR`, run on {ab['date']} after the run above, on the same",
             f"machine: the other build's {side}-service and this one, alternated on each load (warm-up, then one",
             "window, per repeat) so that a change of the machine's speed from one day to the next cannot pass for a",
             f"change of the code. The other build is commit `{ab['other']}`, this one `{ab['this']}`.",
             "", f"| Load | {side.capitalize()} CPU ms/frame, other build | This build | Change |", "|---|---:|---:|---:|"]
    for load, x in ab["loads"].items():
        change = ratio(x["after"], x["before"])
        lines.append(f"| {load} | {fig(x['before'])} | {fig(x['after'])} | "
                     f"{f'{round((change - 1) * 100):+d} %' if change else '—'} |")
    return lines


def spread(values):
    """min/median/max of the repeats of one figure; None when there are none."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"min": min(values), "median": statistics.median(values), "max": max(values), "n": len(values)}


def targets(r):
    out = []
    if TARGET_SIZE in r["cost"]:
        f, c = r["floor"][TARGET_SIZE], r["cost"][TARGET_SIZE]
        for side in ("producer", "consumer"):
            value = ratio(c[f"{side}_cpu_ms_per_frame"], f[side])
            paced = ratio(c[f"{side}_cpu_ms_per_frame"], f[f"{side}_paced"])
            out.append(f"- {side.capitalize()} ≤ {TARGET_RATIO}× its floor at {TARGET_SIZE}: "
                       f"{'**met**' if value <= TARGET_RATIO else '**not met**'} ({value:.2f}×; {paced:.2f}× the paced floor).")
    else:
        out.append(f"- Cost ratios: not measured at {TARGET_SIZE} in this run.")
    cap = r["capacity"]
    held = [step for step in cap["steps"] if step["holds"]]
    if held and cap["size"] in r["floor"] and "producer_cpu_ms_per_frame" in held[-1]:
        step, f = held[-1], r["floor"][cap["size"]]
        out.append(f"- The same ratios at the capacity load ({step['cameras']} cameras, {cap['size']}): producer "
                   f"{ratio(step['producer_cpu_ms_per_frame'], f['producer']):.2f}×, consumer "
                   f"{ratio(step['consumer_cpu_ms_per_frame'], f['consumer']):.2f}× the floor "
                   f"({ratio(step['producer_cpu_ms_per_frame'], f['producer_paced']):.2f}× and "
                   f"{ratio(step['consumer_cpu_ms_per_frame'], f['consumer_paced']):.2f}× the paced floor).")
    out.append(f"- ≥ {TARGET_CAMERAS} cameras at {TARGET_SIZE} 25 fps: "
               + (f"{'**met**' if cap['cameras'] >= TARGET_CAMERAS else '**not met**'} ({cap['cameras']} held)."
                  if cap["size"] == TARGET_SIZE else f"not measured in this run ({cap['size']} only)."))
    for size, w in r["wire"].items():
        value = ratio(w["seed_bytes"], w["v1_bytes"])
        out.append(f"- ≥ {TARGET_WIRE}× fewer bytes than the seed format at {size}: "
                   f"{'**met**' if value >= TARGET_WIRE else '**not met**'} ({value:.0f}×).")
    x = r.get("passthrough")
    if x and "floor" in x:
        one, many = x["passthrough"], x["many"]
        at_load = many["producer_cpu_ms_per_frame"]["median"]
        alone = one["producer_cpu_ms_per_frame"]["median"]
        out.append(f"- Passthrough producer ≤ {TARGET_PASSTHROUGH_PRODUCER_MS} ms CPU per frame at {x['size']}: "
                   f"{'**met**' if at_load <= TARGET_PASSTHROUGH_PRODUCER_MS else '**not met**'} at "
                   f"{many['cameras']} cameras ({at_load:.2f} ms); {alone:.2f} ms for one camera alone, where "
                   "what the process spends whatever the load weighs on 25 frames a second.")
        for side in ("producer", "consumer"):
            loaded = ratio(many[f"{side}_cpu_ms_per_frame"], x["floor"][side])
            single = ratio(one[f"{side}_cpu_ms_per_frame"], x["floor"][side])
            out.append(f"- Passthrough {side} ≤ {TARGET_RATIO}× its floor: "
                       f"{'**met**' if loaded <= TARGET_RATIO else '**not met**'} at {many['cameras']} cameras "
                       f"({loaded:.2f}×); {single:.2f}× for one camera alone.")
        out.append(f"- ≥ {TARGET_PASSTHROUGH_CAMERAS} passthrough cameras at {x['size']} 25 fps, < {MAX_LOSS_PERCENT} % lost, "
                   f"p99 < {MAX_P99} ms: {'**met**' if many['holds'] and many['cameras'] >= TARGET_PASSTHROUGH_CAMERAS else '**not met**'} "
                   f"({many['cameras']} cameras, {many.get('consumers', 1)} consumer replicas: "
                   f"{many['loss']['max'] * 100:.2f} % lost at most, p99 {many['p99_ms']['max']:.0f} ms at most).")
    return out
