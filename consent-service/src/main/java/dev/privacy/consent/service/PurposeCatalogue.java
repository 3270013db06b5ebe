package dev.privacy.consent.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.privacy.consent.config.ConsentConfig;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.Purpose;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The purposes members can be asked to consent to, read from the policy file
 * ({@code policy/consent-purposes.json}): required ones (the membership's contract) and optional
 * ones (P05), each with its data categories and its versioned notices. A file that contradicts the
 * platform's {@link Purpose} (an optional purpose marked required, say) stops the service starting.
 */
@ApplicationScoped
public class PurposeCatalogue {

    public record PolicyFile(String controller, List<Entry> purposes) {
    }

    public record Entry(Purpose purpose, boolean required, boolean perRecipient, String title,
                        List<DataCategory> dataCategories, List<NoticeText> notices) {
    }

    public record NoticeText(String version, LocalDate effectiveDate, String text) {
    }

    @Inject
    ConsentConfig config;

    private String controller;
    private final Map<Purpose, Entry> entries = new EnumMap<>(Purpose.class);

    @PostConstruct
    void load() {
        PolicyFile file = read(config.policyFile());
        controller = file.controller();
        entries.putAll(validated(file));
    }

    /** The file's purposes, or an IllegalStateException naming what contradicts the platform. */
    static Map<Purpose, Entry> validated(PolicyFile file) {
        if (file.controller() == null || file.controller().isBlank()) {
            throw new IllegalStateException("Policy file names no controller");
        }
        Map<Purpose, Entry> result = new EnumMap<>(Purpose.class);
        for (Entry entry : file.purposes()) {
            if (entry.purpose() == null || entry.notices() == null || entry.notices().isEmpty()
                    || entry.dataCategories() == null || entry.dataCategories().isEmpty()) {
                throw new IllegalStateException("Policy file: every purpose needs data categories and a notice");
            }
            if (entry.required() == entry.purpose().consentRequired()) {
                throw new IllegalStateException("Policy file: " + entry.purpose() + " is "
                        + (entry.purpose().consentRequired() ? "optional" : "required") + " in the platform's catalogue");
            }
            if (entry.perRecipient() != (entry.purpose() == Purpose.THIRD_PARTY_PROVISION)) {
                throw new IllegalStateException("Policy file: only THIRD_PARTY_PROVISION is consented per recipient");
            }
            if (result.put(entry.purpose(), entry) != null) {
                throw new IllegalStateException("Policy file lists " + entry.purpose() + " twice");
            }
        }
        return result;
    }

    static PolicyFile read(String resource) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Policy file " + resource + " is not on the classpath");
            }
            return mapper.readValue(in, PolicyFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Policy file " + resource + " cannot be read", e);
        }
    }

    public String controller() {
        return controller;
    }

    public List<Entry> all() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> entry(Purpose purpose) {
        return Optional.ofNullable(entries.get(purpose));
    }

    public List<Entry> required() {
        return entries.values().stream().filter(Entry::required).toList();
    }
}
