package dev.camstream.producer.registry;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Resolves {@code ${NAME}} in a registry URL from this instance's environment (a Kubernetes Secret mounted as
 * variables) or its configuration, so a password need not travel through Kafka: the registry holds
 * {@code rtsp://admin:${DOOR_PASSWORD}@10.0.0.5/stream}, each instance fills it in.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    private final Function<String, Optional<String>> lookup;

    public Placeholders(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** From the environment, then the configuration. */
    public static Placeholders ofThisInstance() {
        return new Placeholders(name -> Optional.ofNullable(System.getenv(name))
                .or(() -> ConfigProvider.getConfig().getOptionalValue(name, String.class)));
    }

    /** The text with every placeholder filled in; throws naming the first one not set (never a value). */
    public String resolve(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = lookup.apply(name).orElseThrow(
                    () -> new IllegalArgumentException("placeholder ${" + name + "} is not set on this instance"));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
