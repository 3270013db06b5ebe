package dev.privacy.platform.events;

/**
 * Kafka header names of a CloudEvents 1.0 event in binary mode (docs/ARCHITECTURE.md R6), as the
 * AsyncAPI document describes them. Header values are UTF-8 strings.
 */
public final class CloudEventHeaders {

    /** Unique event ID (a UUID); consumers' inbox key. */
    public static final String ID = "ce_id";
    /** The publishing service, e.g. {@code member-service} ({@link Services}). */
    public static final String SOURCE = "ce_source";
    /** The event type with version suffix, e.g. {@code MemberWithdrawn.v1}. */
    public static final String TYPE = "ce_type";
    /** {@link DomainEvent#subjectId()}; equal to the Kafka key. */
    public static final String SUBJECT = "ce_subject";
    /** {@link DomainEvent#occurredAt()} as an RFC 3339 timestamp. */
    public static final String TIME = "ce_time";
    /** Always {@value #SPEC_VERSION_1_0}. */
    public static final String SPEC_VERSION = "ce_specversion";
    /** The data content type, always {@value #JSON}. */
    public static final String CONTENT_TYPE = "content-type";
    /** The JSON Schema of the data, {@code /contracts/schemas/<type>.schema.json}. */
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** The prefix of every CloudEvents attribute and extension header. */
    public static final String PREFIX = "ce_";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
