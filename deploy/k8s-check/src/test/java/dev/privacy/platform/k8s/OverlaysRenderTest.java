package dev.privacy.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class OverlaysRenderTest {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void overlayRendersUniqueObjectsAllInThePlatformNamespace(String overlay) {
        List<ObjectNode> objects = Rendered.overlay(overlay).objects;

        assertThat(objects).hasSizeGreaterThan(50);
        Set<String> ids = new HashSet<>();
        for (ObjectNode object : objects) {
            assertThat(ids.add(Kustomize.id(object))).as("duplicate " + Kustomize.id(object)).isTrue();
            assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())
                    .as(Kustomize.id(object)).isEqualTo("privacy-platform");
            if (!object.path("kind").asText().equals("Namespace")) {
                assertThat(object.path("metadata").path("namespace").asText()).as(Kustomize.id(object))
                        .isEqualTo("privacy-platform");
            }
        }
    }

    /** The Java renderer is only trusted because it renders what kubectl renders (where kubectl is installed). */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void javaRendererRendersWhatKubectlKustomizeRenders(String overlay) throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl not on PATH");
        Process process = new ProcessBuilder("kubectl", "kustomize", Repo.overlay(overlay).toString())
                .redirectErrorStream(false).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes())).isZero();
        Path file = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Files.writeString(file, output);

        Map<String, JsonNode> kubectl = byId(Yaml.documents(file));
        Map<String, JsonNode> java = byId(Rendered.overlay(overlay).objects);

        assertThat(java.keySet()).isEqualTo(kubectl.keySet());
        java.forEach((id, object) -> assertThat(object).as(id).isEqualTo(kubectl.get(id)));
    }

    @Test
    void rendererRefusesAKustomizationFeatureItDoesNotImplement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                configMapGenerator:
                  - name: x
                """);

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("configMapGenerator");
    }

    @Test
    void rendererRefusesAPatchThatMatchesNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        Files.writeString(dir.resolve("patch.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: v\n");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - cm.yaml\npatches:\n  - path: patch.yaml\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matches no object");
    }

    @Test
    void strategicMergeMergesContainersByNameAndReplacesCustomResourceLists(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("objects.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d
                spec:
                  template:
                    spec:
                      containers:
                        - name: a
                          image: a:1
                        - name: b
                          image: b:1
                ---
                apiVersion: example.org/v1
                kind: Thing
                metadata:
                  name: t
                spec:
                  items: [1, 2]
                """);
        Files.writeString(dir.resolve("d.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d
                spec:
                  template:
                    spec:
                      containers:
                        - name: b
                          image: b:2
                """);
        Files.writeString(dir.resolve("t.yaml"), "apiVersion: example.org/v1\nkind: Thing\nmetadata:\n  name: t\nspec:\n  items: [3]\n");
        Files.writeString(dir.resolve("kustomization.yaml"),
                "resources:\n  - objects.yaml\npatches:\n  - path: d.yaml\n  - path: t.yaml\n");

        List<ObjectNode> objects = Kustomize.render(dir);

        JsonNode containers = objects.get(0).at("/spec/template/spec/containers");
        assertThat(containers).hasSize(2);
        assertThat(containers.get(0).path("image").asText()).isEqualTo("a:1");
        assertThat(containers.get(1).path("image").asText()).isEqualTo("b:2");
        assertThat(objects.get(1).at("/spec/items").toString()).isEqualTo("[3]");
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> objects) {
        return objects.stream().collect(Collectors.toMap(Kustomize::id, o -> o, (a, b) -> a, TreeMap::new));
    }

    private static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
