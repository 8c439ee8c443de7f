package dev.camstream.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of a {@code @ConfigMapping} interface, read from its source the way SmallRye Config names them: its
 * prefix, then each method's name in kebab case (or its {@code @WithName}), nested interfaces as groups and a
 * {@code Map<String, Group>} as {@code name.<id>.}, with the {@code @WithDefault} of each key if it has one.
 * Default methods are not keys. Read from the source because the services' classes need their dependencies.
 */
final class ConfigMappingSource {

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile("^\\s*(?:public\\s+)?interface (\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s*([\\w<>, ]+?)\\s+(\\w+)\\(\\);");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\(\"([^\"]*)\"\\)");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]*)\"\\)");
    private static final Pattern MAP_OF_GROUP = Pattern.compile("Map<String,\\s*(\\w+)>");

    private record Member(String type, String name, Optional<String> defaultValue) {
    }

    private ConfigMappingSource() {
    }

    /** Every key with its default (empty if it has none), in declaration order. */
    static Map<String, Optional<String>> keys(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        String prefix = null;
        Map<String, List<Member>> interfaces = new HashMap<>();
        String root = null;
        List<String> open = new ArrayList<>(); // the interfaces the current line is in, innermost last
        List<Integer> openedAtDepth = new ArrayList<>();
        int depth = 0;
        String defaultValue = null;
        String name = null;
        for (String line : lines) {
            Matcher prefixMatch = PREFIX.matcher(line);
            if (prefixMatch.find()) {
                prefix = prefixMatch.group(1);
            }
            Matcher interfaceMatch = INTERFACE.matcher(line);
            if (interfaceMatch.find()) {
                open.add(interfaceMatch.group(1));
                openedAtDepth.add(depth);
                interfaces.put(interfaceMatch.group(1), new ArrayList<>());
                if (root == null) {
                    root = interfaceMatch.group(1);
                }
            }
            Matcher defaultMatch = WITH_DEFAULT.matcher(line);
            if (defaultMatch.find()) {
                defaultValue = defaultMatch.group(1);
            }
            Matcher nameMatch = WITH_NAME.matcher(line);
            if (nameMatch.find()) {
                name = nameMatch.group(1);
            }
            Matcher method = METHOD.matcher(line);
            boolean inInterfaceBody = !open.isEmpty() && depth == openedAtDepth.get(openedAtDepth.size() - 1) + 1;
            if (method.find() && inInterfaceBody && !line.trim().startsWith("default") && !line.contains("static ")) {
                interfaces.get(open.get(open.size() - 1)).add(new Member(method.group(1).trim(),
                        name != null ? name : kebab(method.group(2)), Optional.ofNullable(defaultValue)));
                defaultValue = null;
                name = null;
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (!openedAtDepth.isEmpty() && depth == openedAtDepth.get(openedAtDepth.size() - 1)) {
                        open.remove(open.size() - 1);
                        openedAtDepth.remove(openedAtDepth.size() - 1);
                    }
                }
            }
        }
        if (prefix == null || root == null) {
            throw new IllegalStateException(source + " is not a @ConfigMapping with a prefix");
        }
        Map<String, Optional<String>> keys = new LinkedHashMap<>();
        expand(interfaces, root, prefix + ".", keys);
        return keys;
    }

    private static void expand(Map<String, List<Member>> interfaces, String group, String prefix,
            Map<String, Optional<String>> keys) {
        for (Member member : interfaces.get(group)) {
            Matcher map = MAP_OF_GROUP.matcher(member.type());
            if (map.matches() && interfaces.containsKey(map.group(1))) {
                expand(interfaces, map.group(1), prefix + member.name() + ".<id>.", keys);
            } else if (interfaces.containsKey(member.type())) {
                expand(interfaces, member.type(), prefix + member.name() + ".", keys);
            } else {
                keys.put(prefix + member.name(), member.defaultValue());
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
