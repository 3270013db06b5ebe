package dev.privacy.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kustomize equivalent for the subset deploy/k8s uses, so CI renders the overlays without a
 * kubectl binary: {@code resources} (files and directories with a kustomization.yaml),
 * {@code patches} (strategic-merge patches, by the patch's own kind and name or by a {@code target}
 * of kind, name regex and label selector), {@code namespace}, {@code labels} (metadata labels only)
 * and {@code images}. Any other kustomization field is refused rather than silently ignored, so the
 * manifests cannot drift into features this renderer does not understand.
 * When kubectl is installed, {@code OverlaysRenderTest} proves both render the same objects.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "labels", "resources", "patches",
            "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PersistentVolume");
    /** Strategic-merge keys of the built-in lists this repository patches; other lists are replaced. */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name", "env",
            "name", "volumes", "name", "volumeMounts", "mountPath", "ports", "containerPort", "envFrom", "");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        ObjectNode kustomization = Yaml.single(file);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(file + ": field '" + field + "' is not supported by this renderer");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                objects.addAll(Yaml.documents(path));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(directory, patch, objects);
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode object : objects) {
                if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        for (JsonNode label : kustomization.path("labels")) {
            if (label.path("includeSelectors").asBoolean(false) || label.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": labels with includeSelectors/includeTemplates are not supported");
            }
            for (ObjectNode object : objects) {
                ObjectNode labels = child(metadata(object), "labels");
                label.path("pairs").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue().deepCopy()));
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            for (ObjectNode object : objects) {
                retagImages(object, image);
            }
        }
        return objects;
    }

    static String id(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText() + "/"
                + object.path("metadata").path("namespace").asText("") + "/" + object.path("metadata").path("name").asText();
    }

    private static void applyPatch(Path directory, JsonNode entry, List<ObjectNode> objects) {
        ObjectNode patch;
        if (entry.has("path")) {
            patch = Yaml.single(directory.resolve(entry.get("path").asText()));
        } else if (entry.has("patch")) {
            try {
                patch = (ObjectNode) Yaml.MAPPER.readTree(entry.get("patch").asText());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("inline patch in " + directory, e);
            }
        } else {
            throw new IllegalArgumentException(directory + ": a patch needs 'path' or 'patch'");
        }
        JsonNode target = entry.path("target");
        int matched = 0;
        for (ObjectNode object : objects) {
            boolean matches = target.isMissingNode() ? sameObject(object, patch) : matches(object, target);
            if (matches) {
                ObjectNode body = patch.deepCopy();
                body.remove("apiVersion");
                body.remove("kind");
                ((ObjectNode) body.path("metadata")).remove("name");
                merge(object, body, builtIn(object));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(directory + ": patch " + entry + " matches no object");
        }
    }

    private static boolean sameObject(JsonNode object, JsonNode patch) {
        return object.path("kind").asText().equals(patch.path("kind").asText())
                && object.path("metadata").path("name").asText().equals(patch.path("metadata").path("name").asText());
    }

    private static boolean matches(JsonNode object, JsonNode target) {
        if (target.has("kind") && !target.get("kind").asText().equals(object.path("kind").asText())) {
            return false;
        }
        if (target.has("name") && !Pattern.compile(target.get("name").asText())
                .matcher(object.path("metadata").path("name").asText()).matches()) {
            return false;
        }
        if (target.has("labelSelector")) {
            for (String requirement : target.get("labelSelector").asText().split(",")) {
                String[] kv = requirement.trim().split("=", 2);
                if (kv.length != 2 || !kv[1].equals(object.path("metadata").path("labels").path(kv[0]).asText(null))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Built-in kinds take strategic-merge patches; custom resources JSON merge patches (lists replaced), as in Kustomize. */
    private static boolean builtIn(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        return !apiVersion.contains("/") || !apiVersion.substring(0, apiVersion.indexOf('/')).contains(".")
                || apiVersion.substring(0, apiVersion.indexOf('/')).endsWith(".k8s.io");
    }

    /** Strategic merge: maps merge, null deletes, keyed lists merge by key, other lists are replaced. */
    private static void merge(ObjectNode into, JsonNode patch, boolean strategic) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.startsWith("$")) {
                throw new IllegalArgumentException("patch directive " + name + " is not supported");
            }
            JsonNode existing = into.get(name);
            if (value.isNull()) {
                into.remove(name);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, value, strategic);
            } else if (strategic && value.isArray() && existing != null && existing.isArray() && keyedList(name)) {
                mergeList((ArrayNode) existing, (ArrayNode) value, MERGE_KEYS.get(name));
            } else {
                into.set(name, value.deepCopy());
            }
        }
    }

    private static boolean keyedList(String name) {
        return MERGE_KEYS.containsKey(name) && !MERGE_KEYS.get(name).isEmpty();
    }

    private static void mergeList(ArrayNode existing, ArrayNode patch, String key) {
        for (JsonNode item : patch) {
            JsonNode match = null;
            for (JsonNode candidate : existing) {
                if (candidate.path(key).equals(item.path(key))) {
                    match = candidate;
                }
            }
            if (match == null) {
                existing.add(item.deepCopy());
            } else {
                merge((ObjectNode) match, item, true);
            }
        }
    }

    private static void retagImages(ObjectNode object, JsonNode image) {
        JsonNode podSpec = object.path("spec").path("template").path("spec");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : podSpec.path(list)) {
                String current = container.path("image").asText();
                String name = current.replaceFirst("@.*$", "").replaceFirst(":[^:/]+$", "");
                if (!name.equals(image.path("name").asText())) {
                    continue;
                }
                String tag = current.substring(name.length());
                String newName = image.path("newName").asText(name);
                if (image.has("digest")) {
                    tag = "@" + image.get("digest").asText();
                } else if (image.has("newTag")) {
                    tag = ":" + image.get("newTag").asText();
                }
                ((ObjectNode) container).put("image", newName + tag);
            }
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        return child(object, "metadata");
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return parent.putObject(name);
        }
        return (ObjectNode) node;
    }
}
