package dev.privacy.platform.events.audit;

import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;
import dev.privacy.platform.events.Purpose;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Someone read or changed a member's personal data (P02, P17, P19). The only event with a
 * personal-data value: the access IP (topic retention at most 7 days).
 *
 * <p>Topic: {@code access.records}. Subject (Kafka key): the memberId.
 *
 * @param accessId The access record.
 * @param memberId The member whose data was accessed.
 * @param actorId Who: the member's UUID, the staff token subject, or the service name.
 * @param actorRole The actor's role; MEMBER records are service logs (P17), others staff access
 *        records (P19).
 * @param service The service that served the access.
 * @param action What was done.
 * @param fields Names of the fields accessed (may be empty for a whole-record action).
 * @param purpose Why (P03).
 * @param ip The access IP; null for an access by a service without a client.
 * @param reference What the access served, as an ID or code — the disclosure a lawful read of the
 *                  separated store was approved for, say; null when the purpose says enough.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "AccessRecorded")
public record AccessRecorded(
        UUID accessId,
        UUID memberId,
        String actorId,
        ActorRole actorRole,
        String service,
        AccessAction action,
        List<String> fields,
        Purpose purpose,
        @Nullable String ip,
        @Nullable String reference,
        Instant occurredAt) implements DomainEvent {

    public AccessRecorded {
        Checks.required(accessId, "accessId");
        Checks.required(memberId, "memberId");
        Checks.required(actorId, "actorId");
        Checks.required(actorRole, "actorRole");
        Checks.required(service, "service");
        Checks.required(action, "action");
        fields = Checks.list(fields, "fields");
        Checks.required(purpose, "purpose");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }

    /**
     * The retention category of this record: a member's own use is a service log (3 months, P17),
     * an access by staff or a service is a staff access record (2 years, P19).
     */
    public DataCategory recordCategory() {
        return actorRole == ActorRole.MEMBER ? DataCategory.SERVICE_LOGS : DataCategory.STAFF_ACCESS_RECORDS;
    }
}
