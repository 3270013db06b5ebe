package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditEntry;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Entries matching a compliance query, in chain order, one page at a time after a sequence. */
@ApplicationScoped
public class EntryQuery {

    /** What to look for; null means any. {@code from} inclusive, {@code to} exclusive, on the entry's time. */
    public record Filter(UUID memberId, String actorId, String type, UUID sourceEventId, Instant from, Instant to) {
    }

    @Transactional
    public List<AuditEntry> page(Filter filter, long afterSequence, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = Parameters.with("after", afterSequence);
        where.add("sequence > :after");
        if (filter.memberId() != null) {
            where.add("memberId = :member");
            params.and("member", filter.memberId());
        }
        if (filter.actorId() != null) {
            where.add("actorId = :actor");
            params.and("actor", filter.actorId());
        }
        if (filter.type() != null) {
            where.add("sourceType = :type");
            params.and("type", filter.type());
        }
        if (filter.sourceEventId() != null) {
            where.add("sourceEventId = :event");
            params.and("event", filter.sourceEventId());
        }
        if (filter.from() != null) {
            where.add("occurredAt >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("occurredAt < :to");
            params.and("to", filter.to());
        }
        return AuditEntry.<AuditEntry>find(String.join(" and ", where), Sort.by("sequence"), params)
                .page(0, limit).list();
    }
}
