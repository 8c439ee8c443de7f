package dev.camstream.producer.camera;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a camera's frames come from. {@code target} is what FFmpeg opens (it may hold a password);
 * {@code redacted} is the same with secrets masked, the only form that may be shown or logged.
 */
public record CameraSource(Kind kind, String target, String redacted, List<String> secrets) {

    public enum Kind {
        /** A live network camera: {@code rtsp://} or {@code rtsps://}. */
        RTSP,
        /** A video file, looped and paced at its own frame rate. */
        FILE,
        /** The built-in synthetic pattern (drawn by libavfilter, no device library), paced at its rate. */
        TESTSRC;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String TESTSRC = "testsrc";
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    private static final Pattern USER_INFO = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]*)@");

    /** Parses a configured URL; throws {@link IllegalArgumentException} with a message free of secrets. */
    public static CameraSource parse(String url) {
        String trimmed = url == null ? "" : url.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("has no url");
        }
        if (trimmed.equals(TESTSRC) || trimmed.startsWith(TESTSRC + "?")) {
            return testPattern(trimmed);
        }
        if (trimmed.startsWith("file:")) {
            String path = trimmed.substring("file:".length()).replaceFirst("^//", "");
            return file(path, trimmed);
        }
        Matcher scheme = SCHEME.matcher(trimmed);
        if (!scheme.find()) {
            return file(trimmed, trimmed);
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (!name.equals("rtsp") && !name.equals("rtsps")) {
            throw new IllegalArgumentException("has unsupported source scheme '" + name
                    + "' (use rtsp://, rtsps://, file: or a path, or testsrc)");
        }
        return new CameraSource(Kind.RTSP, trimmed, UrlRedactor.redact(trimmed), secretsOf(trimmed));
    }

    /** The URL as configured, secrets included: for the camera registry only, never to be shown. */
    public String url() {
        return kind == Kind.RTSP ? target : redacted;
    }

    public boolean isLive() {
        return kind == Kind.RTSP;
    }

    /** The text with this source's secrets masked, including forms a generic pattern could miss. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, UrlRedactor.MASK);
        }
        return UrlRedactor.redact(masked);
    }

    @Override
    public String toString() {
        return redacted;
    }

    private static CameraSource file(String path, String configured) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("has an empty file path");
        }
        return new CameraSource(Kind.FILE, path, configured, List.of());
    }

    private static CameraSource testPattern(String url) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("size", "640x480", "rate", "25", "noise", "0"));
        if (url.contains("?")) {
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || !parameters.containsKey(kv[0])) {
                    throw new IllegalArgumentException("has an unknown testsrc option '" + pair
                            + "' (known: size=WxH, rate=N, noise=0-100)");
                }
                parameters.put(kv[0], kv[1]);
            }
        }
        Matcher size = SIZE.matcher(parameters.get("size"));
        if (!size.matches() || Integer.parseInt(size.group(1)) < 16 || Integer.parseInt(size.group(2)) < 16) {
            throw new IllegalArgumentException("has a testsrc size that is not WxH of at least 16x16");
        }
        double rate = parseNumber(parameters.get("rate"), "rate");
        int noise = (int) parseNumber(parameters.get("noise"), "noise");
        if (rate <= 0 || rate > 240 || noise < 0 || noise > 100) {
            throw new IllegalArgumentException("has a testsrc rate outside (0, 240] or noise outside [0, 100]");
        }
        // testsrc2 draws a moving pattern; temporal noise gives frames the entropy of a real camera.
        String graph = "testsrc2=size=" + parameters.get("size") + ":rate=" + parameters.get("rate")
                + (noise > 0 ? ",noise=alls=" + noise + ":allf=t+u" : "");
        return new CameraSource(Kind.TESTSRC, graph, url, List.of());
    }

    private static double parseNumber(String value, String name) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has a testsrc " + name + " that is not a number");
        }
    }

    private static List<String> secretsOf(String url) {
        Matcher userInfo = USER_INFO.matcher(url);
        if (!userInfo.find()) {
            return List.of();
        }
        String info = userInfo.group(1);
        int colon = info.indexOf(':');
        if (colon < 0 || colon == info.length() - 1) {
            return List.of();
        }
        String password = info.substring(colon + 1);
        String decoded = URLDecoder.decode(password.replace("+", "%2B"), StandardCharsets.UTF_8);
        return decoded.equals(password) ? List.of(password) : List.of(password, decoded);
    }
}
