package dev.privacy.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The services' Deployments in prod: probes, resources, securityContext, companions, config and secrets. */
class DeploymentsTest {

    static final List<String> SERVICES = Repo.SERVICES;
    private final Rendered prod = Rendered.overlay("prod");

    @ParameterizedTest
    @FieldSource("SERVICES")
    void deploymentProbesTheQuarkusHealthEndpointsAndLimitsItsResources(String service) {
        JsonNode container = prod.container(service);

        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        for (String resource : List.of("cpu", "memory")) {
            assertThat(container.at("/resources/requests/" + resource).asText()).as(resource + " request").isNotEmpty();
            assertThat(container.at("/resources/limits/" + resource).asText()).as(resource + " limit").isNotEmpty();
        }
        assertThat(container.path("image").asText()).endsWith("privacy-platform/" + service + ":1.0.0");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void deploymentRunsNonRootReadOnlyWithoutPrivilegesAndAWritableTmpOnly(String service) {
        JsonNode pod = prod.podSpec(service);
        JsonNode container = prod.container(service);
        JsonNode security = container.path("securityContext");

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(185);
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(security.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(security.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        String tmpVolume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                tmpVolume = mount.path("name").asText();
            } else {
                assertThat(mount.path("readOnly").asBoolean()).as(mount.path("mountPath").asText() + " read-only").isTrue();
            }
        }
        assertThat(tmpVolume).as("/tmp mount").isNotNull();
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(tmpVolume)) {
                assertThat(volume.has("emptyDir")).isTrue();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void deploymentHasADisruptionBudgetAnAutoscalerAServiceMonitorAndANetworkPolicy(String service) {
        assertThat(prod.get("PodDisruptionBudget", service).at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
                .isEqualTo(service);
        JsonNode hpa = prod.get("HorizontalPodAutoscaler", service).path("spec");
        assertThat(hpa.at("/scaleTargetRef/name").asText()).isEqualTo(service);
        assertThat(hpa.path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.path("maxReplicas").asInt()).isGreaterThanOrEqualTo(hpa.path("minReplicas").asInt());
        JsonNode monitor = prod.get("ServiceMonitor", service).path("spec");
        assertThat(monitor.at("/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(prod.get("NetworkPolicy", service).at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
    }

    /** Every ${ENV} the prod configuration has no (or only a developer's) default for is set by the Deployment. */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyEnvironmentVariableTheProdConfigNeedsIsProvided(String service) {
        Set<String> provided = providedEnvironment(service);
        ServiceCode.of(service).requiredEnvironment().forEach((env, key) ->
                assertThat(provided).as(service + " needs " + env + " (for " + key + ")").contains(env));
        assertThat(provided).contains("DB_URL", "DB_USER", "DB_PASSWORD", "KAFKA_BOOTSTRAP", "JWT_PUBLIC_KEY_LOCATION");
    }

    /** A *_LOCATION setting names a file: it must lie in a mounted volume. */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyFileTheConfigNamesIsMounted(String service) {
        JsonNode container = prod.container(service);
        Set<String> mounts = new HashSet<>();
        container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText() + "/"));
        envValues(service).forEach((name, value) -> {
            if (name.endsWith("_LOCATION")) {
                assertThat(mounts.stream().anyMatch(value::startsWith)).as(name + "=" + value + " mounted").isTrue();
            }
        });
    }

    /** Secrets are referenced, never contained: no Secret object, no secret-looking key in a ConfigMap, each named in README.md. */
    @Test
    void secretsAreReferencedButNeverContained() throws Exception {
        for (String overlay : Rendered.OVERLAYS) {
            assertThat(Rendered.overlay(overlay).kind("Secret")).as(overlay + " Secret objects").isEmpty();
            for (JsonNode configMap : Rendered.overlay(overlay).kind("ConfigMap")) {
                configMap.path("data").fieldNames().forEachRemaining(key -> assertThat(key)
                        .as(Rendered.name(configMap) + " holds a secret?").doesNotContainPattern("(?i)PASSWORD|SECRET|KEK|JAAS|PRIVATE"));
            }
        }
        String readme = Files.readString(Repo.k8s().resolve("README.md"));
        Set<String> referenced = new HashSet<>();
        prod.objects.forEach(o -> collectSecretNames(o, referenced));
        assertThat(referenced).contains("member-service-secrets", "member-db-app", "backup-object-store");
        for (String secret : referenced) {
            String documented = secret.replaceFirst("^(member|consent|retention|disclosure|auditlog)-db-", "<cluster>-");
            String named = Repo.SERVICES.contains(secret) ? "<service>" : documented;
            assertThat(readme).as("README.md names Secret " + secret).containsAnyOf(secret, named);
        }
    }

    private static void collectSecretNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            if (node.has("secretKeyRef")) {
                names.add(node.at("/secretKeyRef/name").asText());
            }
            if (node.has("secret") && node.path("secret").has("secretName")) {
                names.add(node.at("/secret/secretName").asText());
            }
            if (node.has("accessKeyId") && node.path("accessKeyId").has("name")) {
                names.add(node.at("/accessKeyId/name").asText());
            }
            node.forEach(child -> collectSecretNames(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> collectSecretNames(child, names));
        }
    }

    private Set<String> providedEnvironment(String service) {
        return envValues(service).keySet();
    }

    /** Env name to value (a secretKeyRef counts with an empty value) from env and envFrom ConfigMaps. */
    private java.util.Map<String, String> envValues(String service) {
        JsonNode container = prod.container(service);
        java.util.Map<String, String> values = new java.util.TreeMap<>();
        for (JsonNode from : container.path("envFrom")) {
            assertThat(from.has("secretRef")).as("envFrom secretRef hides which keys arrive").isFalse();
            String name = from.at("/configMapRef/name").asText();
            prod.get("ConfigMap", name).path("data").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode env : container.path("env")) {
            if (env.has("valueFrom")) {
                assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).as(env.path("name").asText()).isNotEmpty();
            }
            values.put(env.path("name").asText(), env.path("value").asText(""));
        }
        return values;
    }
}
