#!/usr/bin/env python3
"""Samples capture->statistics latency from a running consumer-service: polls /stats/latest and keeps the
latencyMs of every distinct frame it sees, then prints count and p50/p95/p99/max.

    deploy/bench/latency.py http://127.0.0.1:8081 CAMERA SECONDS
"""
import json
import sys
import time
import urllib.request


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main():
    base, camera, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    seen = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{base}/stats/latest?camera={camera}", timeout=5) as response:
            stats = json.load(response)
        seen[stats["seq"]] = stats["latencyMs"]
        time.sleep(0.02)
    values = list(seen.values())
    print(f"camera={camera} seconds={seconds:.0f} frames_sampled={len(values)} "
          f"p50={percentile(values, 50):.1f}ms p95={percentile(values, 95):.1f}ms "
          f"p99={percentile(values, 99):.1f}ms max={max(values):.1f}ms")


if __name__ == "__main__":
    main()
