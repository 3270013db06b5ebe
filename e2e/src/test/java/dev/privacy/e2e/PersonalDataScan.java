package dev.privacy.e2e;

import dev.privacy.platform.testing.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/ARCHITECTURE.md R7 checked on what really left the services: no personal value a test put in
 * through the APIs appears in any record of any Kafka topic (key, value, headers) or in any line of
 * any service log. Markers contain no IP address, so the access IP that access.records carries by
 * design is not among them.
 */
final class PersonalDataScan {

    /** Every personal value the e2e tests sent, lower-cased; registered as they are used. */
    private static final Set<String> MARKERS = ConcurrentHashMap.newKeySet();

    private PersonalDataScan() {
    }

    static void register(String value) {
        MARKERS.add(value.toLowerCase(Locale.ROOT));
    }

    static Set<String> markers() {
        return Set.copyOf(MARKERS);
    }

    /** Scans every topic and every service log for every marker registered so far. */
    static void assertNothingEscaped(PlatformUnderTest platform) throws Exception {
        Set<String> markers = markers();
        assertThat(markers).isNotEmpty();
        assertNoTopicCarries(platform, markers);
        assertNoLogCarries(platform.logs, markers);
    }

    static void assertNoTopicCarries(PlatformUnderTest platform, Set<String> markers) throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers()))) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        assertThat(topics).contains("member.events", "access.records", "audit.compliance");
        try (TopicProbe probe = new TopicProbe(platform.kafka.bootstrapServers(), topics)) {
            List<ConsumerRecord<String, byte[]>> records = probe.drain(Duration.ofSeconds(20));
            assertThat(records).isNotEmpty();
            for (ConsumerRecord<String, byte[]> record : records) {
                String everything = ((record.key() == null ? "" : record.key())
                        + new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.UTF_8)
                        + headers(record)).toLowerCase(Locale.ROOT);
                for (String marker : markers) {
                    assertThat(everything).as("record on %s at offset %d", record.topic(), record.offset()).doesNotContain(marker);
                }
            }
        }
    }

    static void assertNoLogCarries(Path logDirectory, Set<String> markers) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(logDirectory)) {
            logs = new ArrayList<>(files.filter(Files::isRegularFile).toList());
        }
        assertThat(logs).as("service logs in %s", logDirectory).isNotEmpty();
        for (Path log : logs) {
            // ISO-8859-1 reads any byte; the markers are ASCII
            String text = Files.readString(log, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            for (String marker : markers) {
                int at = text.indexOf(marker);
                assertThat(at).as("%s holds a personal value near: %s", log.getFileName(),
                        at < 0 ? "" : text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40))).isNegative();
            }
        }
    }

    private static String headers(ConsumerRecord<String, byte[]> record) {
        StringBuilder all = new StringBuilder();
        record.headers().forEach(h -> all.append(h.key()).append('=')
                .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)));
        return all.toString();
    }
}
