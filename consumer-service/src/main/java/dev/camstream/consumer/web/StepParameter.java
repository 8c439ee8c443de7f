package dev.camstream.consumer.web;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code step} of {@code /stats/range}: a number with a unit, {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h}. */
final class StepParameter {

    private static final Pattern STEP = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Duration SHORTEST = Duration.ofMillis(10);

    private StepParameter() {
    }

    static Duration parse(String step) {
        Matcher matcher = STEP.matcher(step.strip());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration length = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (length.compareTo(SHORTEST) >= 0) {
                return length;
            }
        }
        throw new InvalidParameterException("invalid-step", "step must be a length of at least 10ms: 500ms, 10s, 1m or 1h");
    }
}
