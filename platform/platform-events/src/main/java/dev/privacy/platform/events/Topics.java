package dev.privacy.platform.events;

import java.util.List;
import java.util.stream.Stream;

/** Kafka topics of the event catalogue (docs/ARCHITECTURE.md R3, R11). */
public final class Topics {

    public static final String MEMBER_EVENTS = "member.events";
    public static final String CONSENT_EVENTS = "consent.events";
    public static final String RETENTION_EVENTS = "retention.events";
    /**
     * RetentionExpired goes to its owner's own topic, {@code retention.expired.<owner-service>}, not
     * to retention.events: an owner then reads only the expiries it must act on (not every owner's,
     * nor the certificates), and numbers them per key without gaps. At 1,000,000 schedules over three
     * owners that is 1/6 of what each owner read before (issue 8, BENCHMARKS.md).
     */
    public static final String RETENTION_EXPIRED_PREFIX = "retention.expired.";
    /** The owner topics of RetentionExpired: one per service that holds data (every service but retention-service). */
    public static final List<String> RETENTION_EXPIRED = List.of(
            RETENTION_EXPIRED_PREFIX + Services.MEMBER, RETENTION_EXPIRED_PREFIX + Services.CONSENT,
            RETENTION_EXPIRED_PREFIX + Services.DISCLOSURE, RETENTION_EXPIRED_PREFIX + Services.AUDIT_LOG);
    public static final String DISCLOSURE_EVENTS = "disclosure.events";
    public static final String AUDIT_EVENTS = "audit.events";
    public static final String AUDIT_COMPLIANCE = "audit.compliance";
    /** The one topic that carries a personal-data value (the access IP); retention at most 7 days. */
    public static final String ACCESS_RECORDS = "access.records";

    /** Every topic of the catalogue (not the dead-letter topics). */
    public static final List<String> ALL = Stream.concat(
            Stream.of(MEMBER_EVENTS, CONSENT_EVENTS, RETENTION_EVENTS, DISCLOSURE_EVENTS, AUDIT_EVENTS,
                    AUDIT_COMPLIANCE, ACCESS_RECORDS),
            RETENTION_EXPIRED.stream()).toList();

    private Topics() {
    }

    /** The topic of the RetentionExpired events {@code ownerService} must act on. */
    public static String retentionExpired(String ownerService) {
        String topic = RETENTION_EXPIRED_PREFIX + ownerService;
        if (!RETENTION_EXPIRED.contains(topic)) {
            throw new IllegalArgumentException("not a service that holds data: " + ownerService);
        }
        return topic;
    }

    /**
     * Where events of {@code topic} that {@code consumer} (a service, its consumer group) cannot
     * handle go, with the error in headers: one per consumer group, so an operator knows whose it is.
     */
    public static String deadLetter(String topic, String consumer) {
        return topic + "." + consumer + ".dlq";
    }
}
