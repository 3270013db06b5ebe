package dev.privacy.member.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/**
 * Notices owed to a member ({@code member_notice}), for an e-mail sender to deliver: a kind and a
 * time, never a value. The sender (not part of this service yet) reads the member's address with
 * their data key when it sends, and marks the notice delivered.
 */
@ApplicationScoped
public class MemberNotices {

    /** Somebody signed up with this member's e-mail address; the sign-up was answered as usual, nothing was created. */
    public static final String SIGN_UP_WITH_YOUR_EMAIL = "SIGN_UP_WITH_YOUR_EMAIL";

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(UUID memberId, String kind) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery(
                        "INSERT INTO member_notice (id, member_id, kind, created_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, id).setParameter(2, memberId).setParameter(3, kind)
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
        return id;
    }
}
