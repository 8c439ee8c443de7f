package dev.camstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Checks deploy/k8s and the image build files against the services, since no cluster and no Docker engine
 * exist here to try them: ports, probes, environment, secrets, limits, security context, copied paths.
 */
class ManifestsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");
    // A URL with a password written out, rather than a ${NAME} filled from a Secret.
    private static final Pattern LITERAL_PASSWORD = Pattern.compile("://[^/:@\\s]*:(?!\\$\\{)[^/@\\s]+@");
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    // Read by the base image's run-java.sh, not by the application.
    private static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO");

    private static final List<JsonNode> documents = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.walk(Project.path("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                yaml.readerFor(JsonNode.class).readValues(file.toFile()).readAll().stream()
                        .map(JsonNode.class::cast).filter(node -> node != null && !node.isNull())
                        .forEach(node -> {
                            ((ObjectNode) node).put("x-file", file.toString());
                            documents.add(node);
                        });
            }
        }
    }

    @Test
    void everyKustomizationResourceExists() {
        for (JsonNode kustomization : kind("Kustomization")) {
            Path dir = Path.of(kustomization.get("x-file").asText()).getParent();
            kustomization.get("resources").forEach(r -> assertThat(dir.resolve(r.asText())).exists());
        }
    }

    @Test
    void deploymentsMatchTheServicesTheyRun() throws IOException {
        List<JsonNode> deployments = kind("Deployment");
        assertThat(deployments).extracting(d -> d.at("/metadata/name").asText())
                .contains("camstream-producer", "camstream-consumer", "camstream-analytics");
        for (JsonNode deployment : deployments) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
            for (JsonNode container : pod.get("containers")) {
                String service = serviceOf(container.get("image").asText());
                String properties = Files.readString(Project.path(service + "/src/main/resources/application.properties"));
                int port = defaultPort(properties);
                assertThat(container.at("/ports/0/containerPort").asInt()).as(name + " port").isEqualTo(port);
                assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
                        .isEqualTo(Integer.toString(port));
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(name + " " + probe)
                            .isIn(HEALTH_PATHS);
                    assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("http");
                }
                for (String resource : List.of("/resources/limits/cpu", "/resources/limits/memory",
                        "/resources/requests/cpu", "/resources/requests/memory")) {
                    assertThat(container.at(resource).isMissingNode()).as(name + resource).isFalse();
                }
                assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
                assertThat(container.at("/volumeMounts").toString()).as(name + " writable /tmp").contains("\"/tmp\"");
                assertEnvironmentIsRead(name, container, properties);
            }
        }
    }

    @Test
    void noSecretValueInAConfigMap() {
        List<JsonNode> configMaps = kind("ConfigMap");
        assertThat(configMaps).isNotEmpty();
        for (JsonNode configMap : configMaps) {
            configMap.get("data").fields().forEachRemaining(entry -> {
                assertThat(entry.getKey()).as("ConfigMap key").doesNotContainIgnoringCase("password")
                        .doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("secret");
                assertThat(LITERAL_PASSWORD.matcher(entry.getValue().asText()).find())
                        .as("%s holds a password in a URL", entry.getKey()).isFalse();
            });
        }
        // Every ${NAME} in the camera list is filled from a Secret.
        Set<String> secretKeys = new HashSet<>();
        kind("Secret").forEach(secret -> secret.get("stringData").fieldNames().forEachRemaining(secretKeys::add));
        Matcher placeholders = PLACEHOLDER.matcher(configMap("camstream-producer").get("CAMSTREAM_CAMERAS").asText());
        while (placeholders.find()) {
            assertThat(secretKeys).contains(placeholders.group(1));
        }
    }

    @Test
    void servicesSelectTheirDeploymentsAndNamedPorts() {
        for (JsonNode service : kind("Service")) {
            String app = service.at("/spec/selector/app.kubernetes.io~1name").asText();
            JsonNode deployment = kind("Deployment").stream()
                    .filter(d -> d.at("/metadata/name").asText().equals(app)).findFirst().orElseThrow();
            assertThat(service.at("/spec/ports/0/targetPort").asText())
                    .isEqualTo(deployment.at("/spec/template/spec/containers/0/ports/0/name").asText());
        }
    }

    @Test
    void imageBuildFilesCopyOnlyWhatTheBuildProduces() throws IOException {
        Pattern copy = Pattern.compile("^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+$", Pattern.MULTILINE);
        for (String service : List.of("producer-service", "consumer-service")) {
            String dockerfile = Files.readString(Project.path(service + "/src/main/docker/Dockerfile.jvm"));
            Matcher sources = copy.matcher(dockerfile);
            int copies = 0;
            while (sources.find()) {
                copies++;
                String source = sources.group(1);
                Path dir = Project.path(service).resolve(source.contains("*") ? source.substring(0, source.lastIndexOf('/')) : source);
                assertThat(dir).as(service + " COPY " + source).exists();
                if (source.endsWith("*.jar")) {
                    try (Stream<Path> jars = Files.list(dir)) {
                        assertThat(jars.filter(j -> j.toString().endsWith(".jar"))).isNotEmpty();
                    }
                }
            }
            assertThat(copies).isEqualTo(4);
            assertThat(dockerfile).contains("USER 185").contains("EXPOSE " + defaultPort(
                    Files.readString(Project.path(service + "/src/main/resources/application.properties"))));
            // Only this platform's natives were packaged.
            try (Stream<Path> lib = Files.list(Project.path(service + "/target/quarkus-app/lib/main"))) {
                assertThat(lib.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*-(linux-arm|macosx|windows|android|ios).*")))
                        .isEmpty();
            }
        }
    }

    private static void assertEnvironmentIsRead(String deployment, JsonNode container, String properties) {
        Map<String, String> environment = new HashMap<>();
        container.path("env").forEach(e -> environment.put(e.get("name").asText(), e.path("value").asText()));
        container.path("envFrom").forEach(source -> configMap(source.at("/configMapRef/name").asText())
                .fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText())));
        Set<String> read = new HashSet<>();
        Matcher placeholders = PLACEHOLDER.matcher(properties + "\n" + String.join("\n", environment.values()));
        while (placeholders.find()) {
            read.add(placeholders.group(1));
        }
        read.addAll(IMAGE_VARIABLES);
        assertThat(read).as("variables %s sets that its service reads", deployment).containsAll(environment.keySet());
    }

    private static JsonNode configMap(String name) {
        return kind("ConfigMap").stream().filter(c -> c.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name)).get("data");
    }

    private static int defaultPort(String properties) {
        Matcher port = Pattern.compile("^quarkus\\.http\\.port=\\$\\{[A-Z_]+:(\\d+)}", Pattern.MULTILINE).matcher(properties);
        assertThat(port.find()).isTrue();
        return Integer.parseInt(port.group(1));
    }

    private static String serviceOf(String image) {
        assertThat(image).matches("camstream/(producer|consumer)-service:[\\w.-]+");
        return image.substring("camstream/".length(), image.indexOf(':'));
    }

    private static List<JsonNode> kind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }
}
