package dev.privacy.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The rendered objects of an overlay (rendered once per test run), with small lookups. */
final class Rendered {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    final String overlay;
    final List<ObjectNode> objects;

    private Rendered(String overlay) {
        this.overlay = overlay;
        this.objects = List.copyOf(Kustomize.render(Repo.overlay(overlay)));
    }

    static Rendered overlay(String name) {
        return CACHE.computeIfAbsent(name, Rendered::new);
    }

    List<ObjectNode> kind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return kind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** The container of a service's Deployment (one container per pod). */
    JsonNode container(String service) {
        return get("Deployment", service).path("spec").path("template").path("spec").path("containers").get(0);
    }

    JsonNode podSpec(String service) {
        return get("Deployment", service).path("spec").path("template").path("spec");
    }
}
