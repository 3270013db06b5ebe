package dev.privacy.retention.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.retention.DestructionCertified;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.retention.domain.DestructionCertificate;
import dev.privacy.retention.domain.RetentionPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Certifies each DataDestroyed (P07, P09): a destruction certificate with a pseudonymous member
 * reference, the owner, method, time and count, and a SHA-256 over the evidence; the schedule that
 * asked for it becomes DESTROYED; DestructionCertified announces it.
 */
@ApplicationScoped
public class CertificationService {

    private static final Logger LOG = Logger.getLogger(CertificationService.class);
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    @Inject
    MemberReference memberReference;

    @Inject
    RetentionPolicy policy;

    @Inject
    Outbox outbox;

    @Inject
    CertificateRows rows;

    @Inject
    PlatformConfig platform;

    @Inject
    Clock clock;

    /**
     * Certifies a batch of DataDestroyed events (a poll's worth, set-based: one read of their
     * schedules and of the certificates already issued, one update of the schedules, one insert of
     * the certificates, one outbox insert of the DestructionCertified events). The effect equals
     * certifying them one at a time in order: a destruction ID already certified, or seen earlier
     * in the batch, certifies nothing again. So the certificates are their own inbox (the
     * destruction ID is unique), and this returns the IDs of the events acted on: those certified
     * now and those refused; a repeat is in neither.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> certifyAll(List<IncomingEvent> envelopes) {
        Set<UUID> actedOn = new HashSet<>();
        List<Destroyed> destroyed = new ArrayList<>();
        for (IncomingEvent envelope : envelopes) {
            DataDestroyed event = envelope.as(DataDestroyed.class);
            if (fromItsOwnTopic(event, envelope)) {
                destroyed.add(new Destroyed(event, envelope));
            } else {
                // a service answers only for its own data, on its own topic: anything else certifies nothing
                LOG.warnf("DataDestroyed %s claims service %s but came from %s on %s: not certified",
                        event.destructionId(), event.service(), envelope.source(), envelope.topic());
                actedOn.add(envelope.id());
            }
        }
        if (destroyed.isEmpty()) {
            return actedOn;
        }
        Set<UUID> certified = rows.certifiedAmong(destroyed.stream().map(d -> d.event().destructionId()).toList());
        Map<UUID, CertificateRows.Schedule> schedules = rows.schedules(destroyed.stream()
                .map(d -> d.event().scheduleId()).filter(Objects::nonNull).distinct().toList());
        Instant now = clock.instant();
        List<DestructionCertificate> certificates = new ArrayList<>();
        List<DestructionCertified> announcements = new ArrayList<>();
        Map<UUID, Instant> destroyedSchedules = new LinkedHashMap<>();
        for (Destroyed d : destroyed) {
            DataDestroyed event = d.event();
            if (!certified.add(event.destructionId())) {
                continue;
            }
            CertificateRows.Schedule schedule = event.scheduleId() == null ? null : schedules.get(event.scheduleId());
            if (schedule != null && schedule.ownerService().equals(event.service())
                    && schedule.category() == event.category() && schedule.awaitingDestruction()
                    && !destroyedSchedules.containsKey(schedule.id())) {
                destroyedSchedules.put(schedule.id(), event.occurredAt());
            }
            DestructionCertificate c = certificate(event, d.envelope(), schedule, now);
            certificates.add(c);
            actedOn.add(d.envelope().id());
            announcements.add(new DestructionCertified(c.id, c.destructionId, c.scheduleId, event.memberId(),
                    c.category, c.destroyedBy, c.method, c.recordCount, now));
        }
        rows.markDestroyed(destroyedSchedules, now);
        rows.insert(certificates);
        outbox.publishAll(platform.eventsTopic(), announcements);
        return actedOn;
    }

    private DestructionCertificate certificate(DataDestroyed event, IncomingEvent envelope,
                                               CertificateRows.Schedule schedule, Instant now) {
        DestructionCertificate c = new DestructionCertificate();
        c.id = UUID.randomUUID();
        c.destructionId = event.destructionId();
        c.scheduleId = event.scheduleId();
        c.memberRef = memberReference.of(event.memberId());
        c.category = event.category();
        c.destroyedBy = event.service();
        c.method = event.method();
        c.recordCount = event.recordCount();
        c.createdBefore = event.createdBefore();
        c.destroyedAt = event.occurredAt();
        c.certifiedAt = now;
        c.evidence = evidence(c, envelope, schedule);
        c.evidenceSha256 = sha256(c.evidence);
        return c;
    }

    private record Destroyed(DataDestroyed event, IncomingEvent envelope) {
    }

    private static boolean fromItsOwnTopic(DataDestroyed event, IncomingEvent envelope) {
        return Services.ALL.contains(event.service()) && !Services.RETENTION.equals(event.service())
                && Services.eventsTopic(event.service()).equals(envelope.topic())
                && event.service().equals(envelope.source());
    }

    /** Canonical JSON (keys sorted, instants as ISO-8601 strings) of everything the certificate attests. */
    private String evidence(DestructionCertificate c, IncomingEvent envelope, CertificateRows.Schedule schedule) {
        Map<String, Object> e = new TreeMap<>();
        e.put("certificateId", c.id.toString());
        e.put("destructionId", c.destructionId.toString());
        e.put("eventId", envelope.id().toString());
        e.put("eventSource", envelope.source());
        e.put("eventTopic", envelope.topic());
        e.put("scheduleId", Objects.toString(c.scheduleId, null));
        e.put("memberRef", c.memberRef);
        e.put("category", c.category.name());
        e.put("destroyedBy", c.destroyedBy);
        e.put("method", c.method.name());
        e.put("recordCount", c.recordCount);
        e.put("createdBefore", Objects.toString(c.createdBefore, null));
        e.put("destroyedAt", c.destroyedAt.toString());
        e.put("certifiedAt", c.certifiedAt.toString());
        e.put("legalBasis", schedule != null ? schedule.legalBasis() : policy.rule(c.category).legalBasis());
        e.put("scheduleExpiredAt", schedule == null ? null : Objects.toString(schedule.expiredAt(), null));
        e.put("policyVersion", policy.version());
        try {
            return CANONICAL.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
