package dev.privacy.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every rendered object fits its schema: fabric8's Kubernetes model, Strimzi's api model, CloudNativePG's documented fields. */
class ManifestModelTest {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectParsesIntoItsModelWithNoUnknownField(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Rendered.overlay(overlay).objects) {
            String id = Kustomize.id(object);
            if (Models.DOCUMENTED.contains(Models.groupKind(object))) {
                CnpgFields.problems(object).forEach(p -> problems.add(id + ": " + p));
                continue;
            }
            try {
                HasMetadata model = Models.parse(object);
                assertThat(model.getKind()).isEqualTo(object.path("kind").asText());
                Models.unknownFields(model).forEach(field -> problems.add(id + ": unknown field " + field));
            } catch (RuntimeException e) {
                problems.add(id + ": " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void unknownFieldIsReportedWithItsPath() throws Exception {
        ObjectNode deployment = (ObjectNode) Yaml.MAPPER.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          image: i
                          readinessProbes: {}
                """);

        HasMetadata model = Models.parse(deployment);

        assertThat(model).isInstanceOf(Deployment.class);
        assertThat(Models.unknownFields(model)).containsExactly(".spec.template.spec.containers[0].readinessProbes");
    }

    @Test
    void misspeltStrimziFieldIsReported() throws Exception {
        ObjectNode user = (ObjectNode) Yaml.MAPPER.readTree("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: u
                spec:
                  authentication:
                    type: scram-sha-512
                  authorization:
                    type: simple
                    acls:
                      - resource:
                          type: topic
                          name: t
                          pattern: literal
                        operations: [Read]
                """);

        assertThat(Models.unknownFields(Models.parse(user))).containsExactly(".spec.authorization.acls[0].resource.pattern");
    }

    @Test
    void misspeltCloudNativePgFieldIsReported() throws Exception {
        ObjectNode cluster = (ObjectNode) Yaml.MAPPER.readTree("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: c
                spec:
                  instances: 1
                  storage:
                    size: 1Gi
                  backup:
                    retentionPolicy: 7days
                    barmanObjectStore:
                      destinationPath: s3://b/
                      walCompression: gzip
                """);

        assertThat(CnpgFields.problems(cluster)).containsExactlyInAnyOrder(
                "spec.backup.barmanObjectStore.walCompression is not a documented field",
                "spec.backup.retentionPolicy must match " + CnpgFields.RETENTION);
    }

    @Test
    void prodKafkaIsKraftWithThreeControllersThreeBrokersAndMinInsyncTwo() {
        Rendered prod = Rendered.overlay("prod");
        Kafka kafka = (Kafka) Models.parse(prod.get("Kafka", KafkaAccess.CLUSTER));
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertThat(config).containsEntry("min.insync.replicas", 2).containsEntry("default.replication.factor", 3)
                .containsEntry("auto.create.topics.enable", false);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isNotNull();
        kafka.getSpec().getKafka().getListeners().forEach(listener ->
                assertThat(listener.getAuth()).as(listener.getName() + " authentication").isNotNull());

        int controllers = 0;
        int brokers = 0;
        for (ObjectNode node : prod.kind("KafkaNodePool")) {
            KafkaNodePool pool = (KafkaNodePool) Models.parse(node);
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", KafkaAccess.CLUSTER);
            if (pool.getSpec().getRoles().contains(ProcessRoles.CONTROLLER)) {
                controllers += pool.getSpec().getReplicas();
            }
            if (pool.getSpec().getRoles().contains(ProcessRoles.BROKER)) {
                brokers += pool.getSpec().getReplicas();
            }
        }
        assertThat(controllers).isEqualTo(3);
        assertThat(brokers).isEqualTo(3);
        for (ObjectNode node : prod.kind("KafkaTopic")) {
            KafkaTopic topic = (KafkaTopic) Models.parse(node);
            assertThat(topic.getSpec().getReplicas()).as(topic.getSpec().getTopicName()).isEqualTo(3);
            assertThat(topic.getSpec().getConfig()).as(topic.getSpec().getTopicName()).containsEntry("min.insync.replicas", 2);
        }
    }

    /** dev runs one broker: no topic may ask for more replicas or in-sync replicas than there are brokers. */
    @Test
    void devKafkaFitsOnItsSingleBroker() {
        Rendered dev = Rendered.overlay("dev");
        int brokers = dev.kind("KafkaNodePool").stream().map(n -> (KafkaNodePool) Models.parse(n))
                .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER)).mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertThat(brokers).isEqualTo(1);
        Kafka kafka = (Kafka) Models.parse(dev.get("Kafka", KafkaAccess.CLUSTER));
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("min.insync.replicas", 1)
                .containsEntry("offsets.topic.replication.factor", 1);
        for (ObjectNode node : dev.kind("KafkaTopic")) {
            KafkaTopic topic = (KafkaTopic) Models.parse(node);
            assertThat(topic.getSpec().getReplicas()).isLessThanOrEqualTo(brokers);
            assertThat(((Number) topic.getSpec().getConfig().get("min.insync.replicas")).intValue()).isLessThanOrEqualTo(brokers);
        }
    }
}
