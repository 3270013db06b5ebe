package dev.privacy.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The Kafka manifests against the code: topics of the AsyncAPI document and of each service, and each service's ACLs. */
class KafkaManifestsTest {

    static final List<String> SERVICES = Repo.SERVICES;
    private static final String REGENERATE = "regenerate: ./mvnw -o -pl deploy/k8s-check verify "
            + "-Dtest=RegenerateKafkaManifestsTest -Dk8s.write=true";

    private final Rendered prod = Rendered.overlay("prod");
    private final AsyncApi contract = new AsyncApi();

    @Test
    void everyAsyncApiTopicHasAKafkaTopicKeepingNoLongerThanTheContractSays() {
        Map<String, KafkaTopic> topics = topics();
        contract.topics().forEach((name, retention) -> {
            assertThat(topics).as("KafkaTopic for AsyncAPI channel " + name).containsKey(name);
            assertThat(topics.get(name).getSpec().getPartitions()).isGreaterThanOrEqualTo(1);
            if (retention != null) {
                assertThat(retentionMs(topics.get(name))).as(name + " retention.ms").isLessThanOrEqualTo(retention);
            }
        });
    }

    /** access.records and its dead letters carry the access IP: at most 7 days. */
    @Test
    void accessRecordsAndTheirDeadLettersAreKeptAtMostSevenDays() {
        List<KafkaTopic> accessTopics = topics().values().stream()
                .filter(t -> t.getSpec().getTopicName().startsWith("access.records")).toList();
        assertThat(accessTopics).hasSizeGreaterThanOrEqualTo(1);
        accessTopics.forEach(t -> assertThat(retentionMs(t)).as(t.getSpec().getTopicName())
                .isPositive().isLessThanOrEqualTo(KafkaAccess.SEVEN_DAYS_MS));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyTopicTheServiceUsesHasAKafkaTopicAndAnAcl(String service) {
        ServiceCode code = ServiceCode.of(service);
        Map<String, KafkaTopic> topics = topics();
        Map<String, Set<AclOperation>> acl = topicAcls(user(service));

        Set<String> writes = new TreeSet<>(contract.publishedBy(service));
        writes.add(code.eventsTopic());
        writes.addAll(code.outgoingTopics());
        Set<String> reads = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (ServiceCode.Incoming incoming : code.incoming().values()) {
            reads.addAll(incoming.topics());
            groups.add(incoming.group());
            if (incoming.deadLetterTopic() != null) {
                writes.add(incoming.deadLetterTopic());
            }
        }
        assertThat(writes).contains("access.records", code.eventsTopic());

        for (String topic : writes) {
            assertThat(topics).as(service + " writes " + topic + ": KafkaTopic; " + REGENERATE).containsKey(topic);
            assertThat(acl.getOrDefault(topic, Set.of())).as(service + " writes " + topic + "; " + REGENERATE)
                    .contains(AclOperation.WRITE, AclOperation.DESCRIBE);
        }
        for (String topic : reads) {
            assertThat(topics).as(service + " reads " + topic + ": KafkaTopic").containsKey(topic);
            assertThat(acl.getOrDefault(topic, Set.of())).as(service + " reads " + topic + "; " + REGENERATE)
                    .contains(AclOperation.READ, AclOperation.DESCRIBE);
        }
        assertThat(groupAcls(user(service))).as(service + " consumer groups; " + REGENERATE).containsAll(groups);
    }

    /** Exactly: nothing beyond what its code and the AsyncAPI contract say it writes and reads. */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void aclsGrantNothingBeyondWhatTheCodeAndTheContractUse(String service) {
        KafkaAccess.Needs needs = KafkaAccess.of(service, contract);
        KafkaUser user = user(service);

        topicAcls(user).forEach((topic, operations) -> {
            Set<AclOperation> allowed = new TreeSet<>(Set.of(AclOperation.DESCRIBE));
            if (needs.reads().contains(topic)) {
                allowed.add(AclOperation.READ);
            }
            if (needs.writes().contains(topic)) {
                allowed.add(AclOperation.WRITE);
            }
            assertThat(allowed).as(service + " on " + topic + "; " + REGENERATE).containsAll(operations);
        });
        assertThat(groupAcls(user)).as(service + " groups").isSubsetOf(needs.groups());
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            assertThat(rule.getResource()).as(service + ": only literal topic and group rules")
                    .isInstanceOfAny(AclRuleTopicResource.class, AclRuleGroupResource.class);
            String pattern = rule.getResource() instanceof AclRuleTopicResource t ? t.getPatternType().toValue()
                    : ((AclRuleGroupResource) rule.getResource()).getPatternType().toValue();
            assertThat(pattern).isEqualTo("literal");
        }
    }

    /** users.yaml and dead-letter-topics.yaml are generated from the code; a stale file fails here. */
    @Test
    void generatedKafkaManifestsAreWhatTheCodeGenerates() {
        List<KafkaAccess.Needs> needs = KafkaAccess.all();
        assertThat(differences(committed("users.yaml"), ids(KafkaAccess.users(needs)))).as(REGENERATE).isEmpty();
        assertThat(differences(committed("dead-letter-topics.yaml"), ids(KafkaAccess.deadLetterTopics(needs,
                contract.topics())))).as(REGENERATE).isEmpty();
    }

    private static List<String> differences(Map<String, JsonNode> committed, Map<String, JsonNode> generated) {
        List<String> differences = new ArrayList<>();
        generated.forEach((id, object) -> {
            if (!committed.containsKey(id)) {
                differences.add("missing " + id);
            } else if (!committed.get(id).equals(object)) {
                differences.add("stale " + id + ": should be " + object);
            }
        });
        committed.keySet().stream().filter(id -> !generated.containsKey(id)).forEach(id -> differences.add("extra " + id));
        return differences;
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceAuthenticatesAsItsOwnKafkaUser(String service) {
        KafkaUser user = user(service);
        assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
        JsonNode jaas = env(prod.container(service), "KAFKA_SASL_JAAS_CONFIG");
        assertThat(jaas.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(service);
        assertThat(jaas.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("sasl.jaas.config");
    }

    static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(name)) {
                return env;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("name").asText());
    }

    private Map<String, KafkaTopic> topics() {
        return prod.kind("KafkaTopic").stream().map(o -> (KafkaTopic) Models.parse(o))
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t, (a, b) -> {
                    throw new AssertionError("two KafkaTopics for " + a.getSpec().getTopicName());
                }, TreeMap::new));
    }

    private static long retentionMs(KafkaTopic topic) {
        return ((Number) topic.getSpec().getConfig().get("retention.ms")).longValue();
    }

    private KafkaUser user(String service) {
        return (KafkaUser) Models.parse(prod.get("KafkaUser", service));
    }

    private static Map<String, Set<AclOperation>> topicAcls(KafkaUser user) {
        Map<String, Set<AclOperation>> acls = new TreeMap<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                acls.computeIfAbsent(topic.getName(), k -> new TreeSet<>()).addAll(rule.getOperations());
            }
        }
        return acls;
    }

    private static Set<String> groupAcls(KafkaUser user) {
        Set<String> groups = new TreeSet<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            if (rule.getResource() instanceof AclRuleGroupResource group && rule.getOperations().contains(AclOperation.READ)) {
                groups.add(group.getName());
            }
        }
        return groups;
    }

    private static Map<String, JsonNode> committed(String file) {
        return ids(Yaml.documents(Repo.k8s().resolve("base/kafka").resolve(file)));
    }

    private static Map<String, JsonNode> ids(List<ObjectNode> objects) {
        Map<String, JsonNode> byId = new TreeMap<>();
        for (ObjectNode object : objects) {
            // through YAML text, so numbers compare as the file holds them (int vs long)
            try {
                byId.put(Kustomize.id(object), Yaml.MAPPER.readTree(Yaml.write(object)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return byId;
    }
}
