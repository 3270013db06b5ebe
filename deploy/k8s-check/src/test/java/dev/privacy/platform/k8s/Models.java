package dev.privacy.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a rendered object into its typed model — fabric8's Kubernetes model for built-in kinds and
 * the ServiceMonitor, Strimzi's {@code io.strimzi:api} for Kafka resources — and lists every field
 * the model does not know (both models keep unknown fields in {@code additionalProperties}
 * instead of failing, so a misspelt or misplaced field would otherwise pass unnoticed).
 */
final class Models {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final Map<String, Class<? extends HasMetadata>> CUSTOM = Map.of(
            "kafka.strimzi.io/Kafka", Kafka.class,
            "kafka.strimzi.io/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/KafkaUser", KafkaUser.class,
            "monitoring.coreos.com/ServiceMonitor", ServiceMonitor.class);

    /** Kinds checked against their documented fields instead of a Java model (CloudNativePG publishes none on Maven Central). */
    static final Set<String> DOCUMENTED = Set.of("postgresql.cnpg.io/Cluster", "postgresql.cnpg.io/ScheduledBackup");

    private Models() {
    }

    static String groupKind(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return group + "/" + object.path("kind").asText();
    }

    /** The typed object; throws if the kind has no model or the document does not fit it. */
    static HasMetadata parse(JsonNode object) {
        String json = object.toString();
        Class<? extends HasMetadata> custom = CUSTOM.get(groupKind(object));
        if (custom != null) {
            return SERIALIZATION.unmarshal(json, custom);
        }
        KubernetesResource parsed = SERIALIZATION.unmarshal(json, KubernetesResource.class);
        if (!(parsed instanceof HasMetadata typed) || parsed instanceof GenericKubernetesResource) {
            throw new IllegalArgumentException("no model for " + object.path("apiVersion").asText() + " "
                    + object.path("kind").asText());
        }
        return typed;
    }

    /** Paths of the fields the typed model did not recognise (empty: every field is known). */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        walk(model, "", unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
                continue;
            }
            walk(child, path + "." + name, unknown, seen);
        }
    }
}
