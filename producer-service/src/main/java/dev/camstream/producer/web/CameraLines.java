package dev.camstream.producer.web;

import java.util.List;
import java.util.Locale;

import dev.camstream.producer.status.CameraSnapshot;
import dev.camstream.producer.status.EncodingStatus;

/**
 * The cameras as lines for a terminal, one per camera: {@code door  streaming 1280x720 25.0 fps} (size and
 * rate once measured; {@code , h264 passed through} in passthrough) or {@code lab  failed: <why>}. What {@code deploy/local/run.sh} prints; errors are already masked.
 */
final class CameraLines {

    private CameraLines() {
    }

    static String of(List<CameraSnapshot> cameras) {
        int width = cameras.stream().mapToInt(camera -> camera.id().length()).max().orElse(0);
        StringBuilder lines = new StringBuilder();
        for (CameraSnapshot camera : cameras) {
            lines.append(String.format(Locale.ROOT, "%-" + width + "s  %s\n", camera.id(), describe(camera)));
        }
        return lines.toString();
    }

    private static String describe(CameraSnapshot camera) {
        String state = camera.state().label();
        return switch (camera.state()) {
            case STREAMING -> state + size(camera) + rate(camera) + encoding(camera);
            case FAILED, RECONNECTING -> state + ": " + camera.lastError();
            default -> state;
        };
    }

    /** Nothing before the first frame is encoded. */
    private static String size(CameraSnapshot camera) {
        return camera.width() > 0 ? " " + camera.width() + "x" + camera.height() : "";
    }

    /** JPEG, the default, goes without saying; passthrough, or a camera that asked for it in vain, does not. */
    private static String encoding(CameraSnapshot camera) {
        EncodingStatus encoding = camera.encoding();
        if (encoding == null) {
            return "";
        }
        if (encoding.codec() != null) {
            return ", " + encoding.codec() + " passed through";
        }
        return encoding.fallback() != null ? ", as JPEG: " + encoding.fallback() : "";
    }

    /** Nothing until a whole second has been measured: a camera that just started is not at 0 fps. */
    private static String rate(CameraSnapshot camera) {
        return camera.fps() > 0 ? String.format(Locale.ROOT, " %.1f fps", camera.fps()) : "";
    }
}
