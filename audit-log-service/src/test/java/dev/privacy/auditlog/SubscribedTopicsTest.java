package dev.privacy.auditlog;

import dev.privacy.platform.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's channels, as application.properties names their topics by hand, against the event
 * catalogue: a topic added to {@link Topics} (a new owner's RetentionExpired topic, say) and not
 * to a channel would leave its events out of the chain without any other test noticing.
 */
class SubscribedTopicsTest {

    @Test
    void theChannelsReadEveryTopicOfTheCatalogueButTheAuditLogsOwnOutputs() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SubscribedTopicsTest.class.getResourceAsStream("/application.properties")) {
            assertThat(in).as("audit-log-service application.properties on the class path").isNotNull();
            properties.load(in);
        }
        Set<String> subscribed = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && (key.endsWith(".topic") || key.endsWith(".topics"))
                    && !key.contains(".dead-letter-queue.")) {
                Arrays.stream(properties.getProperty(key).split(",")).map(String::trim).forEach(subscribed::add);
            }
        }
        Set<String> expected = new TreeSet<>(Topics.ALL);
        expected.removeAll(Set.of(Topics.AUDIT_EVENTS, Topics.AUDIT_COMPLIANCE));

        assertThat(subscribed).containsExactlyInAnyOrderElementsOf(expected);
    }
}
