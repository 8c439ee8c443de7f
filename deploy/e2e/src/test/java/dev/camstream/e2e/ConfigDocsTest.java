package dev.camstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README's configuration tables say what the code reads: every key of each service's {@code @ConfigMapping}
 * is in its table with the default the code has, and every environment variable that a script or a service reads
 * by name is documented in the README or under docs/.
 */
class ConfigDocsTest {

    private static final Pattern ENV_VARIABLE = Pattern.compile("\\b(CAMSTREAM_[A-Z0-9_]+|KAFKA_BOOTSTRAP_SERVERS)\\b");

    @Test
    void producerTableHasEveryKeyWithItsDefault() throws IOException {
        assertTableMatches("producer-service/src/main/java/dev/camstream/producer/camera/CamstreamConfig.java",
                "### producer-service");
    }

    @Test
    void consumerTableHasEveryKeyWithItsDefault() throws IOException {
        assertTableMatches("consumer-service/src/main/java/dev/camstream/consumer/ConsumerSettings.java",
                "### consumer-service");
    }

    @Test
    void everyEnvironmentVariableReadIsDocumented() throws IOException {
        String docs = readme() + documentation();
        // Any property can be set as its environment form (camstream.registry.topic: CAMSTREAM_REGISTRY_TOPIC).
        Matcher key = Pattern.compile("`(camstream\\.[a-z0-9.-]+)`").matcher(readme());
        while (key.find()) {
            docs += " " + key.group(1).toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_");
        }
        TreeSet<String> undocumented = new TreeSet<>();
        for (Path source : readers()) {
            Matcher variable = ENV_VARIABLE.matcher(Files.readString(source));
            while (variable.find()) {
                if (!docs.contains(variable.group(1))) {
                    undocumented.add(variable.group(1) + " (" + Project.ROOT.relativize(source) + ")");
                }
            }
        }
        assertThat(undocumented).as("environment variables read but documented nowhere").isEmpty();
    }

    private static void assertTableMatches(String mapping, String heading) throws IOException {
        Map<String, Optional<String>> keys = ConfigMappingSource.keys(Project.path(mapping));
        assertThat(keys).as("keys found in " + mapping).isNotEmpty();
        Map<String, String> table = table(heading);
        List<String> wrong = new ArrayList<>();
        keys.forEach((key, defaultValue) -> {
            String row = table.get(key);
            if (row == null) {
                wrong.add(key + ": not in the table");
            } else if (defaultValue.isPresent() && !row.contains("`" + defaultValue.get() + "`")) {
                wrong.add(key + ": the code's default is " + defaultValue.get() + ", the table says " + row);
            }
        });
        assertThat(wrong).as("README table under '%s' against %s", heading, mapping).isEmpty();
    }

    /** The default column of each row of the table under {@code heading}, by the key in its first column. */
    private static Map<String, String> table(String heading) throws IOException {
        String readme = readme();
        int start = readme.indexOf(heading + "\n");
        assertThat(start).as("README has a section " + heading).isNotNegative();
        int end = readme.indexOf("\n#", start + heading.length());
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length >= 5 && cells[1].trim().startsWith("`")) {
                rows.put(cells[1].trim().replace("`", ""), cells[3].trim());
            }
        }
        return rows;
    }

    /** The scripts, and the services' sources and settings, that can read an environment variable by name. */
    private static List<Path> readers() throws IOException {
        List<Path> readers = new ArrayList<>();
        for (String folder : new String[] { "deploy/local", "deploy/bench", "producer-service/src/main",
            "consumer-service/src/main" }) {
            try (Stream<Path> files = Files.walk(Project.path(folder))) {
                files.filter(Files::isRegularFile).filter(file -> !file.toString().contains("/target/"))
                        .filter(file -> file.toString().matches(".*\\.(sh|py|java|properties)$")).forEach(readers::add);
            }
        }
        return readers;
    }

    private static String readme() throws IOException {
        return Files.readString(Project.path("README.md"));
    }

    private static String documentation() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> docs = Files.walk(Project.path("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).forEach(file -> {
                try {
                    all.append(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return all.toString();
    }
}
