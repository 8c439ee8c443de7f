package dev.camstream.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** deploy/local/test-camera.py: GStreamer's RTSP server with cameras of known content, on a free port. */
final class TestCamera implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";

    private final ManagedProcess process;
    private final int port;

    private TestCamera(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Mounts as test-camera.py takes them, e.g. {@code solid=ff2040}, {@code ball=ball}. */
    static TestCamera start(Path logs, String... mounts) {
        return start(logs, Project.freePort(), mounts);
    }

    /** The same on a given port: a camera that comes back after {@link #close()} is found where it was. */
    static TestCamera start(Path logs, int port, String... mounts) {
        Project.require(gstreamerPresent("x264enc", "rtph264pay"), "GStreamer's RTSP server (gir1.2-gst-rtsp-server-1.0, "
                + "python3-gi, gstreamer1.0-plugins-ugly, gstreamer1.0-plugins-good)");
        if (List.of(mounts).stream().anyMatch(mount -> mount.contains("=/"))) {
            Project.require(gstreamerPresent("avdec_msmpeg4", "rtph264pay"), "GStreamer's FFmpeg decoders for video "
                    + "files (gstreamer1.0-libav)");
        }
        if (List.of(mounts).stream().anyMatch(mount -> mount.contains(":h265"))) {
            Project.require(gstreamerPresent("x265enc", "rtph265pay"), "GStreamer's H.265 encoder (gstreamer1.0-plugins-bad)");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, Project.path("deploy/local/test-camera.py").toString(),
                "--port", Integer.toString(port)));
        command.addAll(List.of(mounts));
        ManagedProcess process = ManagedProcess.start("test-camera.py", command, Map.of(),
                logs.resolve("test-camera-" + System.nanoTime() + ".log"));
        process.awaitUntil("RTSP server listening", Duration.ofSeconds(20), () -> process.output().contains("serving"));
        return new TestCamera(process, port);
    }

    /** Freezes the camera's server as a hung camera would be: connections stay open, nothing is sent. */
    void freeze() {
        process.signal("STOP");
    }

    void thaw() {
        process.signal("CONT");
    }

    int port() {
        return port;
    }

    String url(String mount) {
        return "rtsp://127.0.0.1:" + port + "/" + mount;
    }

    /** The same camera with credentials in its URL, as users configure real cameras. */
    String url(String mount, String user, String password) {
        return "rtsp://" + user + ":" + password + "@127.0.0.1:" + port + "/" + mount;
    }

    @Override
    public void close() {
        process.close();
    }

    /** Whether GStreamer's RTSP server and these elements (an encoder and its RTP payloader) are installed. */
    private static boolean gstreamerPresent(String encoder, String payloader) {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import gi; gi.require_version('GstRtspServer', '1.0'); "
                    + "from gi.repository import Gst, GstRtspServer; Gst.init(None); "
                    + "import sys; sys.exit(0 if Gst.ElementFactory.find('" + encoder + "') and "
                    + "Gst.ElementFactory.find('" + payloader + "') else 1)").redirectErrorStream(true).start();
            return check.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
