package dev.camstream.producer.camera;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.camstream.producer.camera.CamstreamConfig.CameraConfig;
import dev.camstream.producer.camera.CamstreamConfig.OptionsConfig;

/**
 * Turns the configuration into validated {@link Camera}s: ids that are valid Kafka keys of wire format v1,
 * supported sources, sane options, no id twice. All problems are reported at once so a user fixes them in
 * one go.
 */
public final class CameraCatalog {

    /** Camera ids of wire format v1. */
    public static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Set<String> RTSP_TRANSPORTS = Set.of("tcp", "udp", "udp_multicast", "http", "https");
    private static final int MAX_ID_SHOWN = 80;

    private CameraCatalog() {
    }

    public static List<Camera> load(CamstreamConfig config) {
        List<String> problems = new ArrayList<>();
        Map<String, Camera> cameras = new LinkedHashMap<>();
        OptionsConfig defaults = config.defaults();
        // TreeMap: a stable order whatever order the config sources list their keys in.
        new TreeMap<>(config.cameras()).forEach((id, camera) -> add(id, camera.url(),
                options(camera, defaults), cameras, problems));
        config.cameraList().ifPresent(list -> parseList(list, defaults, cameras, problems));
        if (!problems.isEmpty()) {
            throw new InvalidCameraConfigException(problems);
        }
        return List.copyOf(cameras.values());
    }

    /** One camera defined at runtime, checked like the configuration; throws with every problem found. */
    public static Camera validate(String id, String url, CameraOptions options) {
        List<String> problems = new ArrayList<>();
        Map<String, Camera> camera = new LinkedHashMap<>();
        add(id, url, options, camera, problems);
        if (!problems.isEmpty()) {
            throw new InvalidCameraConfigException(problems);
        }
        return camera.get(id);
    }

    private static void parseList(String list, OptionsConfig defaults, Map<String, Camera> cameras,
            List<String> problems) {
        int position = 0;
        for (String entry : list.split(",")) {
            position++;
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                problems.add("camera list entry " + position + " ('" + UrlRedactor.redact(trimmed)
                        + "') is not id=url");
                continue;
            }
            CameraOptions options = new CameraOptions(defaults.encoding(), defaults.jpegQuality(), defaults.maxFps(), defaults.maxWidth(),
                    defaults.rtspTransport(), defaults.timeout());
            add(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1), options, cameras, problems);
        }
    }

    private static void add(String id, String url, CameraOptions options, Map<String, Camera> cameras,
            List<String> problems) {
        String name = "camera '" + shown(id) + "'";
        if (!CAMERA_ID.matcher(id).matches()) {
            problems.add(name + ": id must be 1-64 characters of A-Z a-z 0-9 . _ -");
            return;
        }
        if (cameras.containsKey(id)) {
            problems.add(name + ": configured more than once");
            return;
        }
        CameraSource source;
        try {
            source = CameraSource.parse(url);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return;
        }
        int before = problems.size();
        check(options.jpegQuality() >= 1 && options.jpegQuality() <= 100, name + ": jpeg-quality must be 1-100", problems);
        check(options.maxFps().isEmpty() || options.maxFps().getAsDouble() > 0, name + ": max-fps must be > 0", problems);
        check(options.maxWidth().isEmpty() || options.maxWidth().getAsInt() >= 16, name + ": max-width must be >= 16", problems);
        check(RTSP_TRANSPORTS.contains(options.rtspTransport()),
                name + ": rtsp-transport must be one of " + String.join(", ", new TreeSet<>(RTSP_TRANSPORTS)), problems);
        check(!options.timeout().isNegative() && !options.timeout().isZero(), name + ": timeout must be > 0", problems);
        if (problems.size() == before) {
            cameras.put(id, new Camera(id, source, options));
        }
    }

    private static CameraOptions options(CameraConfig camera, OptionsConfig defaults) {
        return new CameraOptions(
                camera.encoding().orElse(defaults.encoding()),
                camera.jpegQuality().orElse(defaults.jpegQuality()),
                camera.maxFps().isPresent() ? camera.maxFps() : defaults.maxFps(),
                camera.maxWidth().isPresent() ? camera.maxWidth() : defaults.maxWidth(),
                camera.rtspTransport().orElse(defaults.rtspTransport()),
                camera.timeout().orElse(defaults.timeout()));
    }

    private static void check(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static String shown(String id) {
        String printable = id.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > MAX_ID_SHOWN ? printable.substring(0, MAX_ID_SHOWN) + "…" : printable;
    }
}
