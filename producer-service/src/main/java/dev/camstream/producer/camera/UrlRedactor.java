package dev.camstream.producer.camera;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the secrets of camera URLs inside any text with {@code ***}: the password of the user-info part
 * ({@code rtsp://user:secret@host}) and the values of query parameters that commonly carry credentials
 * ({@code ?password=…}, {@code &token=…}). Works on whole messages, not only on bare URLs, because FFmpeg
 * puts the URL it failed to open into its exception text.
 */
public final class UrlRedactor {

    public static final String MASK = "***";

    // scheme://user:password@ — the password runs to the last '@' before the path, so an unencoded '@'
    // inside it is still masked whole.
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile(
            "([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/?#@:]*):([^\\s/?#]*)@");

    private static final Pattern SECRET_QUERY_PARAMETER = Pattern.compile(
            "([?&;](?:password|passwd|pass|pwd|token|access_token|auth|key|api_key|apikey|secret|signature)=)"
                    + "([^&;#\\s\"']*)",
            Pattern.CASE_INSENSITIVE);

    private UrlRedactor() {
    }

    /** The text with every URL password and credential-like query value replaced by {@code ***}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replaceGroup(USER_INFO_PASSWORD.matcher(text), 1, ":" + MASK + "@");
        return replaceGroup(SECRET_QUERY_PARAMETER.matcher(masked), 1, MASK);
    }

    private static String replaceGroup(Matcher matcher, int keptGroup, String replacement) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(keptGroup) + replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
