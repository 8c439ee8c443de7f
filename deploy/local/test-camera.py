#!/usr/bin/python3
"""A real RTSP camera of known content, from GStreamer's RTSP server, for trying camstream without a camera
and for its end-to-end tests. H.264 (x264) over RTP, like an IP camera.

    deploy/local/test-camera.py --port 8554 solid=ff2040 ball=ball:1280x720
    # rtsp://127.0.0.1:8554/solid  (a solid colour, RRGGBB), rtsp://127.0.0.1:8554/ball (a moving ball)

Each mount is NAME=PATTERN[:WxH[:FPS[:KBPS]]], PATTERN a videotestsrc pattern (ball, snow, smpte, ...) or a
colour RRGGBB. Needs Debian's gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-ugly (x264enc)
and -good; run it with /usr/bin/python3, whose gi module these packages extend.
"""
import argparse
import re
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def pipeline(spec):
    parts = spec.split(":")
    pattern = parts[0]
    width, height = (parts[1] if len(parts) > 1 else "640x480").split("x")
    fps = parts[2] if len(parts) > 2 else "25"
    kbps = parts[3] if len(parts) > 3 else "2000"
    if re.fullmatch(r"[0-9a-fA-F]{6}", pattern):
        source = f"videotestsrc is-live=true pattern=solid-color foreground-color=0xff{pattern}"
    else:
        source = f"videotestsrc is-live=true pattern={pattern}"
    return (f"( {source} ! video/x-raw,format=I420,width={width},height={height},framerate={fps}/1 "
            f"! x264enc tune=zerolatency speed-preset=ultrafast bitrate={kbps} key-int-max={fps} "
            f"! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1 )")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", default="8554")
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("mounts", nargs="+", metavar="NAME=PATTERN[:WxH[:FPS[:KBPS]]]")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.address)
    server.set_service(args.port)
    for mount in args.mounts:
        name, _, spec = mount.partition("=")
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(pipeline(spec))
        factory.set_shared(True)
        server.get_mount_points().add_factory("/" + name, factory)
    if server.attach(None) == 0:
        sys.exit(f"test-camera.py: cannot listen on {args.address}:{args.port}")

    loop = GLib.MainLoop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"test-camera.py: serving {', '.join('rtsp://%s:%s/%s' % (args.address, args.port, m.split('=')[0]) for m in args.mounts)}",
          flush=True)
    loop.run()


if __name__ == "__main__":
    main()
