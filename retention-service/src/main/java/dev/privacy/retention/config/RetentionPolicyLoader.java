package dev.privacy.retention.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.retention.domain.PolicyRule;
import dev.privacy.retention.domain.RetentionPolicy;
import dev.privacy.retention.domain.StartEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the retention policy file (YAML) and refuses anything it cannot act on, naming the file,
 * the line and the entry: a service that ran on a wrong period would destroy data too early or
 * keep it too long, so a broken file stops the service at start instead.
 */
public final class RetentionPolicyLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final String KEYS = "category, description, owner, period, startsOn, legalBasis, citation, "
            + "policyText, destruction, purposes, recipients";

    private RetentionPolicyLoader() {
    }

    /** The entry as written: strings, so that each bad value gets a message of its own. */
    record Entry(String category, String description, String owner, String period, String startsOn, String legalBasis,
                 String citation, String policyText, String destruction, List<String> purposes,
                 List<String> recipients) {
    }

    /** Loads a policy file from the classpath. */
    public static RetentionPolicy fromClasspath(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyFileException("Retention policy " + resource + " is not on the classpath");
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RetentionPolicy parse(InputStream in, String file) {
        String version = null;
        String source = null;
        List<PolicyRule> rules = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw fail(file, parser.currentTokenLocation(), null, "the file must be a mapping with version, source and categories");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation at = parser.currentTokenLocation();
                parser.nextToken();
                switch (key) {
                    case "version" -> version = parser.getValueAsString();
                    case "source" -> source = parser.getValueAsString();
                    case "categories" -> readEntries(parser, file, rules);
                    default -> throw fail(file, at, null, "unknown key '" + key + "' (expected version, source, categories)");
                }
            }
        } catch (JsonProcessingException e) {
            throw fail(file, e.getLocation(), null, e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (version == null || version.isBlank()) {
            throw new PolicyFileException("Retention policy " + file + ": 'version' is missing");
        }
        Set<DataCategory> missing = EnumSet.allOf(DataCategory.class);
        rules.forEach(r -> missing.remove(r.category()));
        if (!missing.isEmpty()) {
            throw new PolicyFileException("Retention policy " + file + ": no entry for the data categories " + missing
                    + " (every category must have a rule)");
        }
        return new RetentionPolicy(version, source, rules);
    }

    private static void readEntries(JsonParser parser, String file, List<PolicyRule> rules) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw fail(file, parser.currentTokenLocation(), null, "'categories' must be a list of entries");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            index++;
            JsonLocation at = parser.currentTokenLocation();
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw fail(file, at, "#" + index, "an entry must be a mapping");
            }
            // as a tree first, so a binding error (a misspelled key) can name the entry it is in
            JsonNode tree = YAML.readTree(parser);
            String name = tree.path("category").isTextual() ? tree.path("category").asText() : "#" + index;
            Entry entry;
            try {
                entry = YAML.treeToValue(tree, Entry.class);
            } catch (UnrecognizedPropertyException e) {
                throw fail(file, at, name, "unknown key '" + e.getPropertyName() + "' (expected " + KEYS + ")");
            } catch (JsonProcessingException e) {
                throw fail(file, at, name, e.getOriginalMessage());
            }
            PolicyRule rule = validate(entry, file, at, index);
            if (rules.stream().anyMatch(r -> r.category() == rule.category())) {
                throw fail(file, at, rule.category().name(), "the category appears twice");
            }
            rules.add(rule);
        }
    }

    private static PolicyRule validate(Entry e, String file, JsonLocation at, int index) {
        String name = e.category() == null || e.category().isBlank() ? "#" + index : e.category();
        DataCategory category = enumValue(DataCategory.class, e.category(), "category", file, at, name);
        String owner = required(e.owner(), "owner", file, at, name);
        if (!Services.ALL.contains(owner) || Services.RETENTION.equals(owner)) {
            throw fail(file, at, name, "owner '" + owner + "' is not a service that holds data " + Services.ALL);
        }
        Period period;
        try {
            period = Period.parse(required(e.period(), "period", file, at, name));
        } catch (DateTimeParseException ex) {
            throw fail(file, at, name, "period '" + e.period() + "' is not an ISO-8601 period such as P10Y, P3M or P0D");
        }
        if (period.isNegative()) {
            throw fail(file, at, name, "period '" + e.period() + "' is negative");
        }
        StartEvent startsOn = StartEvent.byEventName(required(e.startsOn(), "startsOn", file, at, name))
                .orElseThrow(() -> fail(file, at, name, "startsOn '" + e.startsOn() + "' is not an event that starts a clock "
                        + Arrays.stream(StartEvent.values()).map(StartEvent::eventName).toList()));
        DestructionMethod destruction = enumValue(DestructionMethod.class, e.destruction(), "destruction", file, at, name);
        if (e.purposes() == null || e.purposes().isEmpty()) {
            throw fail(file, at, name, "purposes is missing: what is the data kept for");
        }
        List<Purpose> purposes = e.purposes().stream()
                .map(p -> enumValue(Purpose.class, p, "purpose", file, at, name)).toList();
        return new PolicyRule(category,
                required(e.description(), "description", file, at, name),
                owner, period, startsOn,
                required(e.legalBasis(), "legalBasis", file, at, name),
                required(e.citation(), "citation", file, at, name),
                required(e.policyText(), "policyText", file, at, name),
                destruction, purposes,
                e.recipients() == null ? List.of() : List.copyOf(e.recipients()),
                at.getLineNr());
    }

    private static String required(String value, String field, String file, JsonLocation at, String name) {
        if (value == null || value.isBlank()) {
            throw fail(file, at, name, field + " is missing");
        }
        return value.strip();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, String file,
                                                   JsonLocation at, String name) {
        String v = required(value, field, file, at, name);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException ex) {
            throw fail(file, at, name, field + " '" + v + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static PolicyFileException fail(String file, JsonLocation at, String entry, String problem) {
        StringBuilder message = new StringBuilder("Retention policy ").append(file);
        if (at != null && at.getLineNr() > 0) {
            message.append(", line ").append(at.getLineNr());
        }
        if (entry != null) {
            message.append(", entry ").append(entry);
        }
        return new PolicyFileException(message.append(": ").append(problem).toString());
    }
}
