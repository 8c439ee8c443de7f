#!/usr/bin/python3
"""A real RTSP camera of known content, from GStreamer's RTSP server, for trying camstream without a camera
and for its end-to-end tests. H.264 (x264) or H.265 (x265) over RTP, like an IP camera.

    deploy/local/test-camera.py --port 8554 solid=ff2040 ball=ball:1280x720 hevc=snow:1280x720:25:2000:h265
    # rtsp://127.0.0.1:8554/solid  (a solid colour, RRGGBB), rtsp://127.0.0.1:8554/ball (a moving ball)

Each mount is NAME=PATTERN[:WxH[:FPS[:KBPS[:CODEC[:GOP]]]]], PATTERN a videotestsrc pattern (ball, snow,
smpte, ...), a colour RRGGBB, or a video file's absolute path (played from its start for each new client, at its
own pace; e.g. opencv-doc's /usr/share/doc/opencv-doc/examples/data/vtest.avi, whose MS-MPEG4 needs
gstreamer1.0-libav), CODEC h264 (default) or h265, GOP the frames from one keyframe to the next (default: one
second's). Needs Debian's gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-ugly
(x264enc), -good, and -bad for h265 (x265enc); run it with /usr/bin/python3, whose gi module these packages
extend.
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
    codec = parts[4] if len(parts) > 4 else "h264"
    gop = parts[5] if len(parts) > 5 else fps
    if pattern.startswith("/"):
        source = f"filesrc location={pattern} ! decodebin ! videoconvert ! videoscale ! videorate ! identity sync=true"
    elif re.fullmatch(r"[0-9a-fA-F]{6}", pattern):
        source = f"videotestsrc is-live=true pattern=solid-color foreground-color=0xff{pattern}"
    else:
        source = f"videotestsrc is-live=true pattern={pattern}"
    raw = f"{source} ! video/x-raw,format=I420,width={width},height={height},framerate={fps}/1"
    if codec == "h265":
        return (f"( {raw} ! x265enc tune=zerolatency speed-preset=ultrafast bitrate={kbps} key-int-max={gop} "
                f"! video/x-h265,profile=main ! rtph265pay name=pay0 pt=96 config-interval=-1 )")
    if codec != "h264":
        sys.exit(f"test-camera.py: codec {codec} is not h264 or h265")
    return (f"( {raw} ! x264enc tune=zerolatency speed-preset=ultrafast bitrate={kbps} key-int-max={gop} "
            f"! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1 )")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", default="8554")
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("mounts", nargs="+", metavar="NAME=PATTERN[:WxH[:FPS[:KBPS[:CODEC[:GOP]]]]]")
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
