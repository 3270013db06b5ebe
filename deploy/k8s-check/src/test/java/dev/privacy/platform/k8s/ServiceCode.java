package dev.privacy.platform.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's code says it needs in production, read from its application.properties over the
 * platform defaults (platform-runtime's microprofile-config.properties), as the prod profile sees
 * them: {@code %prod.key} wins over {@code key}, other profiles do not apply.
 */
final class ServiceCode {

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(.+)");
    private static final Pattern OUTGOING = Pattern.compile("mp\\.messaging\\.outgoing\\.([^.]+)\\.topic");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";

    /**
     * Settings the platform declares for every service but that only some read: the key prefix and the
     * API whose use in a service's sources means the service reads it.
     */
    private static final Map<String, String> READ_ONLY_WHEN_USED = Map.of(
            "smallrye.jwt.sign.", "io.smallrye.jwt.build");

    /**
     * A consumer channel: the topics it reads ({@code topic}, or the comma-separated {@code topics}),
     * its consumer group and its dead-letter topic (if any).
     */
    record Incoming(String channel, List<String> topics, String group, String deadLetterTopic) {
    }

    final String service;
    private final Map<String, String> prod;

    private ServiceCode(String service, Map<String, String> prod) {
        this.service = service;
        this.prod = prod;
    }

    static ServiceCode of(String service) {
        Map<String, String> raw = new LinkedHashMap<>(load(Repo.platformDefaults()));
        raw.putAll(load(Repo.applicationProperties(service)));
        Map<String, String> prod = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (!key.startsWith("%")) {
                prod.putIfAbsent(key, value);
            }
        });
        raw.forEach((key, value) -> {
            if (key.startsWith("%prod.")) {
                prod.put(key.substring("%prod.".length()), value);
            }
        });
        String sources = sourcesText(service);
        READ_ONLY_WHEN_USED.forEach((prefix, api) -> {
            if (!sources.contains(api)) {
                prod.keySet().removeIf(key -> key.startsWith(prefix));
            }
        });
        return new ServiceCode(service, prod);
    }

    String value(String key) {
        String value = prod.get(key);
        return value == null ? null : resolve(value);
    }

    /** privacy.events-topic: the topic its outbox publishes domain events to. */
    String eventsTopic() {
        return value("privacy.events-topic");
    }

    /** Every mp.messaging.incoming channel, with what the connector defaults fill in. */
    Map<String, Incoming> incoming() {
        Set<String> channels = new TreeSet<>();
        prod.keySet().forEach(key -> {
            Matcher m = INCOMING.matcher(key);
            if (m.matches()) {
                channels.add(m.group(1));
            }
        });
        Map<String, Incoming> result = new TreeMap<>();
        for (String channel : channels) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            String listed = value(prefix + "topics");
            List<String> topics = listed != null ? Arrays.stream(listed.split(",")).map(String::trim).toList()
                    : List.of(orElse(value(prefix + "topic"), channel));
            String group = orElse(value(prefix + "group.id"), orElse(value(CONNECTOR + "group.id"),
                    value("quarkus.application.name")));
            String strategy = orElse(value(prefix + "failure-strategy"), orElse(value(CONNECTOR + "failure-strategy"), "fail"));
            String deadLetter = null;
            if (strategy.equals("dead-letter-queue")) {
                // SmallRye's default when no topic is named
                deadLetter = orElse(value(prefix + "dead-letter-queue.topic"), "dead-letter-topic-" + topics.get(0));
            }
            result.put(channel, new Incoming(channel, topics, group, deadLetter));
        }
        return result;
    }

    /** Topics named by mp.messaging.outgoing channels. */
    Set<String> outgoingTopics() {
        Set<String> topics = new TreeSet<>();
        prod.forEach((key, value) -> {
            if (OUTGOING.matcher(key).matches()) {
                topics.add(resolve(value));
            }
        });
        return topics;
    }

    /**
     * Environment variables the prod configuration cannot start without: every {@code ${ENV}} without
     * a default, and every {@code ${ENV:default}} whose default only makes sense on a developer's
     * machine (a loopback address, or a credential).
     */
    Map<String, String> requiredEnvironment() {
        Map<String, String> required = new TreeMap<>();
        prod.forEach((key, value) -> {
            Matcher m = EXPRESSION.matcher(value);
            while (m.find()) {
                String name = m.group(1);
                String fallback = m.group(2);
                if (!ENV_NAME.matcher(name).matches()) {
                    continue;
                }
                boolean devDefault = fallback != null && (fallback.contains("127.0.0.1") || fallback.contains("localhost")
                        || key.endsWith(".username") || key.endsWith(".password"));
                if (fallback == null || devDefault) {
                    required.put(name, key);
                }
            }
        });
        return required;
    }

    private String resolve(String value) {
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (prod.containsKey(name)) {
                replacement = resolve(prod.get(name));
            } else {
                replacement = m.group(2) == null ? m.group() : m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name).strip()));
        return map;
    }

    private static String sourcesText(String service) {
        Path dir = Repo.sources(service);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                text.append(Files.readString(file)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
