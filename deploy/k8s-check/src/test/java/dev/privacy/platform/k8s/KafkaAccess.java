package dev.privacy.platform.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Kafka access each service needs, derived from its code and the AsyncAPI contract, and the
 * manifests that grant it: {@code kafka/dead-letter-topics.yaml} (a KafkaTopic per
 * {@code mp.messaging.incoming.*.dead-letter-queue.topic}) and {@code kafka/users.yaml} (a KafkaUser
 * per service). Both files are generated from this class ({@code -Dk8s.write=true}, README.md), so
 * a renamed dead-letter topic or a new consumer is one command away from its topic and ACL.
 */
final class KafkaAccess {

    static final String CLUSTER = "privacy-kafka";
    static final long THIRTY_DAYS_MS = 2_592_000_000L;
    static final long SEVEN_DAYS_MS = 604_800_000L;

    /** One service's needs: topics it writes, topics it reads, consumer groups, dead-letter topics by source topic. */
    record Needs(String service, Set<String> writes, Set<String> reads, Set<String> groups,
            Map<String, String> deadLetterSources) {
    }

    private KafkaAccess() {
    }

    static Needs of(String service, AsyncApi contract) {
        ServiceCode code = ServiceCode.of(service);
        Set<String> writes = new TreeSet<>(contract.publishedBy(service));
        writes.add(code.eventsTopic());
        writes.addAll(code.outgoingTopics());
        Set<String> reads = new TreeSet<>(contract.consumedBy(service));
        Set<String> groups = new TreeSet<>();
        Map<String, String> deadLetters = new TreeMap<>();
        for (ServiceCode.Incoming incoming : code.incoming().values()) {
            reads.addAll(incoming.topics());
            groups.add(incoming.group());
            if (incoming.deadLetterTopic() != null) {
                writes.add(incoming.deadLetterTopic());
                deadLetters.put(incoming.deadLetterTopic(), incoming.topics().get(0));
            }
        }
        if (groups.isEmpty() && !reads.isEmpty()) {
            // the contract's consumers not yet in code join the platform's default group: privacy.service
            groups.add(code.value("privacy.service"));
        }
        return new Needs(service, writes, reads, groups, deadLetters);
    }

    static List<Needs> all() {
        AsyncApi contract = new AsyncApi();
        return Repo.SERVICES.stream().map(service -> of(service, contract)).toList();
    }

    /** KafkaTopics of every dead-letter topic; a dead letter keeps its source's retention (access.records: 7 days). */
    static List<ObjectNode> deadLetterTopics(List<Needs> needs, Map<String, Long> contractTopics) {
        Map<String, String> sources = new TreeMap<>();
        needs.forEach(n -> sources.putAll(n.deadLetterSources()));
        List<ObjectNode> topics = new ArrayList<>();
        sources.forEach((topic, source) -> {
            Long retention = contractTopics.get(source);
            ObjectNode kafkaTopic = resource("KafkaTopic", resourceName(topic));
            ((ObjectNode) kafkaTopic.get("metadata")).putObject("annotations").put("privacy-platform/description",
                    "dead letters of " + source + " (" + consumerOf(needs, topic) + ")");
            ObjectNode spec = kafkaTopic.putObject("spec");
            spec.put("topicName", topic);
            spec.put("partitions", 3);
            spec.put("replicas", 3);
            ObjectNode config = spec.putObject("config");
            config.put("retention.ms", retention == null ? THIRTY_DAYS_MS : Math.min(retention, THIRTY_DAYS_MS));
            config.put("min.insync.replicas", 2);
            config.put("cleanup.policy", "delete");
            topics.add(kafkaTopic);
        });
        return topics;
    }

    /** A KafkaUser per service: SCRAM-SHA-512, and ACLs for exactly its topics and consumer groups. */
    static List<ObjectNode> users(List<Needs> needs) {
        List<ObjectNode> users = new ArrayList<>();
        for (Needs n : needs) {
            ObjectNode user = resource("KafkaUser", n.service());
            ObjectNode spec = user.putObject("spec");
            spec.putObject("authentication").put("type", "scram-sha-512");
            ObjectNode authorization = spec.putObject("authorization");
            authorization.put("type", "simple");
            ArrayNode acls = authorization.putArray("acls");
            Set<String> topics = new TreeSet<>(n.writes());
            topics.addAll(n.reads());
            for (String topic : topics) {
                ObjectNode acl = acls.addObject();
                acl.set("resource", aclResource("topic", topic));
                ArrayNode operations = acl.putArray("operations");
                if (n.reads().contains(topic)) {
                    operations.add("Read");
                }
                if (n.writes().contains(topic)) {
                    operations.add("Write");
                }
                operations.add("Describe");
            }
            for (String group : n.groups()) {
                ObjectNode acl = acls.addObject();
                acl.set("resource", aclResource("group", group));
                acl.putArray("operations").add("Read");
            }
            users.add(user);
        }
        return users;
    }

    static String resourceName(String topic) {
        return topic.replace('.', '-').replace('_', '-').toLowerCase();
    }

    /** Writes both generated files (run the check module's tests with -Dk8s.write=true). */
    static void write(Path kafkaDir) {
        List<Needs> needs = all();
        write(kafkaDir.resolve("dead-letter-topics.yaml"), """
                # GENERATED by deploy/k8s-check (KafkaAccess) from each service's
                # mp.messaging.incoming.*.dead-letter-queue.topic: do not edit, regenerate (README.md, "Checks").
                # A dead letter keeps its source topic's retention: access.records' dead letters carry the
                # access IP, so they too are gone after 7 days.
                """, deadLetterTopics(needs, new AsyncApi().topics()));
        write(kafkaDir.resolve("users.yaml"), """
                # GENERATED by deploy/k8s-check (KafkaAccess): do not edit, regenerate (README.md, "Checks").
                # One KafkaUser per service (SCRAM-SHA-512; Strimzi writes the Secret <service> with
                # sasl.jaas.config). ACLs for exactly the topics it writes (its events topic, the topics the
                # AsyncAPI contract says it publishes, access.records, its dead-letter topics) and reads (its
                # mp.messaging.incoming.*.topic and the contract's receive operations), and its consumer group.
                """, users(needs));
    }

    private static void write(Path file, String header, List<ObjectNode> objects) {
        StringBuilder text = new StringBuilder(header);
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                text.append("---\n");
            }
            text.append(Yaml.write(objects.get(i)));
        }
        try {
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String consumerOf(List<Needs> needs, String deadLetterTopic) {
        return String.join(", ", needs.stream().filter(n -> n.deadLetterSources().containsKey(deadLetterTopic))
                .map(Needs::service).toList());
    }

    private static ObjectNode aclResource(String type, String name) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.put("type", type);
        resource.put("name", name);
        resource.put("patternType", "literal");
        return resource;
    }

    private static ObjectNode resource(String kind, String name) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", "kafka.strimzi.io/v1beta2");
        object.put("kind", kind);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        metadata.putObject("labels").put("strimzi.io/cluster", CLUSTER);
        return object;
    }
}
