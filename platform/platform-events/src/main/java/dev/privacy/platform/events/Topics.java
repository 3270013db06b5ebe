package dev.privacy.platform.events;

import java.util.List;

/** Kafka topics of DESIGN.md's event catalogue. */
public final class Topics {

    public static final String MEMBER_EVENTS = "member.events";
    public static final String CONSENT_EVENTS = "consent.events";
    public static final String RETENTION_EVENTS = "retention.events";
    public static final String DISCLOSURE_EVENTS = "disclosure.events";
    public static final String AUDIT_EVENTS = "audit.events";
    public static final String AUDIT_COMPLIANCE = "audit.compliance";
    /** The one topic that carries a personal-data value (the access IP); retention at most 7 days. */
    public static final String ACCESS_RECORDS = "access.records";

    /** Every topic of the catalogue (not the dead-letter topics). */
    public static final List<String> ALL = List.of(MEMBER_EVENTS, CONSENT_EVENTS, RETENTION_EVENTS,
            DISCLOSURE_EVENTS, AUDIT_EVENTS, AUDIT_COMPLIANCE, ACCESS_RECORDS);

    private Topics() {
    }

    /**
     * Where events of {@code topic} that {@code consumer} (a service, its consumer group) cannot
     * handle go, with the error in headers: one per consumer group, so an operator knows whose it is.
     */
    public static String deadLetter(String topic, String consumer) {
        return topic + "." + consumer + ".dlq";
    }
}
