package dev.privacy.member.service;

import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Access records (P02). The platform's {@link AccessRecorder} names the caller of the request; at
 * sign-up and login the caller has no token yet, so those accesses are recorded as the member's own.
 */
@ApplicationScoped
public class AccessLog {

    @Inject
    AccessRecorder recorder;

    @Inject
    Outbox outbox;

    @Inject
    CurrentActor currentActor;

    @Inject
    PlatformConfig config;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void byCaller(UUID memberId, AccessAction action, Collection<String> fields, Purpose purpose) {
        recorder.record(memberId, action, fields, purpose);
    }

    /** An access by the member themself before they hold a token (sign-up, login). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bySelf(UUID memberId, AccessAction action, Collection<String> fields, Purpose purpose) {
        outbox.publish(Topics.ACCESS_RECORDS, new AccessRecorded(UUID.randomUUID(), memberId, memberId.toString(),
                ActorRole.MEMBER, config.service(), action, List.copyOf(fields), purpose, currentActor.get().ip(),
                clock.instant()));
    }
}
