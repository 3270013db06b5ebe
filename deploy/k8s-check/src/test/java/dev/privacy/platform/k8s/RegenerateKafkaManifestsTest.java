package dev.privacy.platform.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates kafka/dead-letter-topics.yaml and kafka/users.yaml from the code:
 * {@code ./mvnw -o -pl deploy/k8s-check verify -Dtest=RegenerateKafkaManifestsTest -Dk8s.write=true}. Skipped in a normal build, where
 * {@code KafkaManifestsTest} fails instead if the committed files no longer match the code.
 */
class RegenerateKafkaManifestsTest {

    @Test
    @EnabledIfSystemProperty(named = "k8s.write", matches = "true")
    void writeGeneratedKafkaManifests() {
        KafkaAccess.write(Repo.k8s().resolve("base/kafka"));
    }
}
