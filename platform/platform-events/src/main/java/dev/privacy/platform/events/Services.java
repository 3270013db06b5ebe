package dev.privacy.platform.events;

import java.util.List;

/**
 * The service names used as CloudEvents {@code source}, as {@code service} / {@code ownerService} /
 * {@code destroyedBy} in events, and as the actor ID of a service in access records.
 */
public final class Services {

    public static final String MEMBER = "member-service";
    public static final String CONSENT = "consent-service";
    public static final String RETENTION = "retention-service";
    public static final String DISCLOSURE = "disclosure-service";
    public static final String AUDIT_LOG = "audit-log-service";

    public static final List<String> ALL = List.of(MEMBER, CONSENT, RETENTION, DISCLOSURE, AUDIT_LOG);

    private Services() {
    }

    /** The topic a service publishes its domain events (and its DataDestroyed) to. */
    public static String eventsTopic(String service) {
        return switch (service) {
            case MEMBER -> Topics.MEMBER_EVENTS;
            case CONSENT -> Topics.CONSENT_EVENTS;
            case RETENTION -> Topics.RETENTION_EVENTS;
            case DISCLOSURE -> Topics.DISCLOSURE_EVENTS;
            case AUDIT_LOG -> Topics.AUDIT_EVENTS;
            default -> throw new IllegalArgumentException("unknown service: " + service);
        };
    }
}
