package dev.privacy.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacy.platform.events.audit.AccessRecorded;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md R7: events carry IDs, categories, field names, reason codes and timestamps, never
 * a personal-data value. The only exception is {@code AccessRecorded.ip} on {@code access.records}.
 */
class NoPersonalDataInEventsTest {

    /** Words that, in a component name, suggest it holds a personal-data value. */
    private static final Set<String> PERSONAL_DATA_WORDS = Set.of(
            "name", "firstname", "lastname", "fullname", "nickname", "email", "mail", "phone", "mobile", "tel",
            "telephone", "address", "street", "zip", "postcode", "city", "password", "passwd", "pwd", "credential",
            "secret", "card", "pan", "cvc", "cvv", "iban", "account", "bank", "payment", "token", "birth",
            "birthday", "dob", "age", "ssn", "rrn", "gender", "ip", "location", "geo", "value", "values", "content",
            "profile", "login", "username");

    /** The one exception. */
    private static final Set<String> ALLOWED = Set.of(AccessRecorded.class.getSimpleName() + ".ip");

    /** Types that cannot hold a free-form personal-data value or a nested object. */
    private static final Set<Class<?>> VALUE_FREE_TYPES = Set.of(UUID.class, Instant.class, boolean.class, int.class,
            long.class);

    static List<String> words(String camelCase) {
        List<String> words = new ArrayList<>();
        for (String word : camelCase.split("(?<=[a-z0-9])(?=[A-Z])|_")) {
            words.add(word.toLowerCase(Locale.ROOT));
        }
        return words;
    }

    @Test
    void noComponentOfAnyEventIsNamedLikeAPersonalDataValue() {
        List<String> offenders = new ArrayList<>();
        for (EventDescriptor descriptor : EventCatalogue.all()) {
            for (RecordComponent component : descriptor.javaType().getRecordComponents()) {
                String where = descriptor.name() + "." + component.getName();
                if (ALLOWED.contains(where)) {
                    continue;
                }
                if (words(component.getName()).stream().anyMatch(PERSONAL_DATA_WORDS::contains)) {
                    offenders.add(where);
                }
            }
        }

        assertThat(offenders).isEmpty();
    }

    @Test
    void theWordCheckWouldCatchTypicalPersonalDataNames() {
        for (String name : List.of("email", "mobilePhone", "memberName", "billingAddress", "paymentToken", "cardPan",
                "password", "dateOfBirth", "clientIp", "login_id")) {
            assertThat(words(name)).as(name).anyMatch(PERSONAL_DATA_WORDS::contains);
        }
        for (String name : List.of("memberId", "fields", "category", "recipientId", "occurredAt", "companyId")) {
            assertThat(words(name)).as(name).noneMatch(PERSONAL_DATA_WORDS::contains);
        }
    }

    @Test
    void componentsAreIdsTimestampsEnumsFlagsCountsFieldNamesOrShortStrings() {
        for (EventDescriptor descriptor : EventCatalogue.all()) {
            for (RecordComponent component : descriptor.javaType().getRecordComponents()) {
                String where = descriptor.name() + "." + component.getName();
                Class<?> type = component.getType();
                if (VALUE_FREE_TYPES.contains(type) || type.isEnum() || type == String.class) {
                    continue;
                }
                assertThat(type).as(where + ": no nested objects or maps").isEqualTo(List.class);
                Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                assertThat(element == String.class || (element instanceof Class<?> c && c.isEnum()))
                        .as(where + ": a list of field names or of an enum").isTrue();
            }
        }
    }

    @Test
    void stringComponentsHoldCodesServiceNamesOrReferencesNotFreeValues() {
        Set<String> allowedStrings = Set.of("reason", "legalBasis", "noticeVersion", "evidenceReference",
                "legalReference", "ownerService", "destroyedBy", "service", "actorId", "ip", "sourceTopic",
                "sourceEventId", "sourceType", "hash", "previousHash",
                // AuditEntryAppended.leafHash: hex SHA-256 (schema pattern ^[0-9a-f]{64}$)
                "leafHash",
                // AccessRecorded.reference: an ID or code (schema pattern ^[A-Za-z0-9][A-Za-z0-9_.:/\-]*$, ≤100)
                "reference");
        for (EventDescriptor descriptor : EventCatalogue.all()) {
            for (RecordComponent component : descriptor.javaType().getRecordComponents()) {
                if (component.getType() == String.class) {
                    assertThat(allowedStrings).as("review %s.%s: a new free string component",
                            descriptor.name(), component.getName()).contains(component.getName());
                }
            }
        }
    }

    private static final java.util.regex.Pattern MOBILE_NUMBER =
            java.util.regex.Pattern.compile("(?<![0-9A-Fa-f])01[016789]-\\d{3,4}-\\d{4}");

    @Test
    void samplesWithMarkerValuesNeverLeakIntoTheJsonOfAnyEventButAccessRecords() {
        // Field *names* such as "email" are allowed; the values an event could carry are IDs and codes.
        for (DomainEvent sample : SampleEvents.all().values()) {
            String json = EventJson.toJson(sample);
            // A Korean mobile number, not preceded by a hex digit: random UUIDs may contain "010-"
            // at the end of a group, but never a whole 010-NNNN-NNNN after a non-hex character.
            assertThat(json).doesNotContain("@").doesNotContainPattern(MOBILE_NUMBER);
            if (!(sample instanceof AccessRecorded)) {
                assertThat(json).doesNotContain("2001:db8");
            }
        }
    }
}
