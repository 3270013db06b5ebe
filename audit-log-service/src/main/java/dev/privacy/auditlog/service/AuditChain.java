package dev.privacy.auditlog.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.auditlog.domain.AuditEntry;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Appends every event and access record to the hash chain. Each committed entry is announced on
 * {@code audit.compliance} by the compliance stream's relay, which relays from the chain itself
 * (the chain is its own outbox); a commit wakes it ({@link ChainExtended}).
 */
@ApplicationScoped
public class AuditChain {

    static final String ACCESS_RECORDED = EventDescriptor.of(AccessRecorded.class).ceType();

    @Inject
    EntityManager entityManager;

    @Inject
    Event<ChainExtended> extended;

    @Inject
    Clock clock;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * The consumer's work ({@code IdempotentBatchHandler}), the one way events enter the chain: under
     * the chain lock, the events without an entry are appended ({@link #appendAll}) and their IDs
     * returned. The unique source event ID makes the chain its own inbox, so a redelivery appends
     * nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> appendNew(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        head(); // the lock first: no other appender can log one of these between the check and the insert
        entityManager.flush();
        Set<UUID> logged = entityManager.unwrap(Session.class).doReturningWork(connection ->
                EntryRows.alreadyLogged(connection, events.stream().map(IncomingEvent::id).toList()));
        List<IncomingEvent> fresh = events.stream().filter(e -> !logged.contains(e.id())).toList();
        appendAll(fresh);
        return fresh.stream().map(IncomingEvent::id).collect(Collectors.toSet());
    }

    /**
     * Appends the events, none of them in the chain yet, set-based: the chain lock and head once per
     * transaction, each entry's leaf and link hashed in order, one multi-row insert. Its callers
     * check first ({@link #appendNew}); called directly it would log a redelivered event twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<AuditEntry> appendAll(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Head head = head();
        long sequence = head.sequence();
        String previous = head.hash();
        List<AuditEntry> entries = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            AuditEntry entry = describe(event);
            entry.sequence = ++sequence;
            entry.previousHash = previous;
            entry.leafHash = ChainHash.leaf(entry);
            entry.hash = ChainHash.link(previous, entry.leafHash);
            previous = entry.hash;
            entries.add(entry);
        }
        entityManager.flush(); // the inserts below are plain JDBC
        entityManager.unwrap(Session.class).doWork(connection -> EntryRows.insert(connection, entries));
        placed(new Head(sequence, previous));
        return entries;
    }

    /**
     * The transaction's new head; its first append says so ({@link ChainExtended}), and the
     * compliance stream's relay, observing after commit, wakes up.
     */
    private void placed(Head head) {
        if (transactions.getResource(Head.class) == null) {
            extended.fire(new ChainExtended());
        }
        transactions.putResource(Head.class, head);
    }

    /**
     * The head to append to. One appender at a time across consumer threads and replicas (the
     * advisory lock, held to commit): the chain is a single sequence. Within one transaction the
     * head is read once; the lock keeps it ours until commit, so later appends of the same
     * transaction continue from the last one without another round trip.
     */
    private Head head() {
        Head head = (Head) transactions.getResource(Head.class);
        if (head != null) {
            return head;
        }
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('audit-chain'))").getSingleResult();
        AuditEntry previous = AuditEntry.last();
        return previous == null ? new Head(-1, ChainHash.GENESIS) : new Head(previous.sequence, previous.hash);
    }

    private record Head(long sequence, String hash) {
    }

    /** The entry's content, before it is placed in the chain. */
    private AuditEntry describe(IncomingEvent event) {
        AuditEntry entry = new AuditEntry();
        entry.entryId = UUID.randomUUID();
        entry.sourceTopic = event.topic();
        entry.sourceEventId = event.id();
        entry.sourceType = event.type();
        entry.sourceService = event.source();
        // PostgreSQL keeps microseconds: hash exactly what will be read back.
        entry.recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entry.dataHash = ChainHash.sha256(event.data());
        if (ACCESS_RECORDED.equals(event.type())) {
            AccessRecorded access = event.as(AccessRecorded.class);
            entry.actorId = access.actorId();
            entry.actorRole = access.actorRole().name();
            entry.action = access.action().name();
            entry.memberId = access.memberId();
            entry.fields = access.fields().isEmpty() ? null : String.join(",", access.fields());
            entry.purpose = access.purpose().name();
            entry.category = access.recordCategory().name();
            entry.occurredAt = access.occurredAt().truncatedTo(ChronoUnit.MICROS);
        } else {
            // A domain event is the act of the service that published it.
            JsonNode data = event.tree();
            entry.actorId = event.source();
            entry.actorRole = Services.ALL.contains(event.source()) ? ActorRole.SERVICE.name() : null;
            entry.memberId = uuid(data.get("memberId"));
            entry.fields = fieldNames(data.get("fields"));
            Instant occurred = instant(data.get("occurredAt"));
            occurred = occurred != null ? occurred : event.time();
            entry.occurredAt = occurred == null ? null : occurred.truncatedTo(ChronoUnit.MICROS);
        }
        return entry;
    }

    private static UUID uuid(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(node.asText());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }

    /** Field names an event lists (a correction's fields, say); never their values. */
    private static String fieldNames(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        node.forEach(n -> {
            if (n.isTextual() && n.asText().matches("[A-Za-z][A-Za-z0-9_.\\-]*")) {
                names.add(n.asText());
            }
        });
        return names.isEmpty() ? null : String.join(",", names);
    }
}
