package dev.privacy.disclosure.service;

import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.events.member.CorrectionRejected;
import dev.privacy.platform.events.member.CorrectionRequested;
import dev.privacy.platform.events.member.MemberWithdrawn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What this service knows, from events, about the legal basis of a provision: live third-party
 * consents (consent.events), ended memberships and fields under correction (member.events, P13).
 * Handlers run in the inbox transaction; each is idempotent on its own as well.
 */
@ApplicationScoped
public class ConsentKnowledge {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onConsentGranted(ConsentGranted e) {
        if (e.purpose() != Purpose.THIRD_PARTY_PROVISION || e.memberId() == null || e.recipientId() == null) {
            return; // not a provision consent: nothing this service relies on
        }
        // A withdrawal that overtook its grant keeps the consent withdrawn: only granted_at is set.
        em.createNativeQuery("""
                        INSERT INTO live_consent (consent_id, member_id, recipient_id, granted_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (consent_id) DO UPDATE SET granted_at = EXCLUDED.granted_at""")
                .setParameter(1, e.consentId()).setParameter(2, e.memberId()).setParameter(3, e.recipientId())
                .setParameter(4, Timestamp.from(e.occurredAt())).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onConsentWithdrawn(ConsentWithdrawn e) {
        if (e.purpose() != Purpose.THIRD_PARTY_PROVISION || e.memberId() == null || e.recipientId() == null) {
            return;
        }
        em.createNativeQuery("""
                        INSERT INTO live_consent (consent_id, member_id, recipient_id, withdrawn_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (consent_id) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at""")
                .setParameter(1, e.consentId()).setParameter(2, e.memberId()).setParameter(3, e.recipientId())
                .setParameter(4, Timestamp.from(e.occurredAt())).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onMemberWithdrawn(MemberWithdrawn e) {
        em.createNativeQuery("""
                        INSERT INTO member_withdrawal (member_id, withdrawn_at) VALUES (?1, ?2)
                        ON CONFLICT (member_id) DO NOTHING""")
                .setParameter(1, e.memberId()).setParameter(2, Timestamp.from(e.occurredAt())).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCorrectionRequested(CorrectionRequested e) {
        for (String field : e.fields()) {
            em.createNativeQuery("""
                            INSERT INTO field_restriction (member_id, correction_id, field, restricted_at)
                            VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""")
                    .setParameter(1, e.memberId()).setParameter(2, e.correctionId()).setParameter(3, field)
                    .setParameter(4, Timestamp.from(e.occurredAt())).executeUpdate();
        }
    }

    /** An applied correction lifts its restriction (correction notices are CorrectionNotices' part). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void liftRestriction(CorrectionApplied e) {
        if (e.correctionId() != null) {
            lift(e.memberId(), e.correctionId());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCorrectionRejected(CorrectionRejected e) {
        lift(e.memberId(), e.correctionId());
    }

    private void lift(UUID memberId, UUID correctionId) {
        em.createNativeQuery("DELETE FROM field_restriction WHERE member_id = ?1 AND correction_id = ?2")
                .setParameter(1, memberId).setParameter(2, correctionId).executeUpdate();
    }

    /** The live provision consent of this member for this recipient, if any (the latest granted). */
    public Optional<UUID> liveConsent(UUID memberId, UUID recipientId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        SELECT consent_id FROM live_consent
                        WHERE member_id = ?1 AND recipient_id = ?2 AND granted_at IS NOT NULL AND withdrawn_at IS NULL
                        ORDER BY granted_at DESC LIMIT 1""", UUID.class)
                .setParameter(1, memberId).setParameter(2, recipientId).getResultList();
        return ids.stream().findFirst();
    }

    public boolean isConsentLive(UUID consentId) {
        return ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM live_consent
                        WHERE consent_id = ?1 AND granted_at IS NOT NULL AND withdrawn_at IS NULL""")
                .setParameter(1, consentId).getSingleResult()).longValue() > 0;
    }

    public boolean membershipEnded(UUID memberId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM member_withdrawal WHERE member_id = ?1")
                .setParameter(1, memberId).getSingleResult()).longValue() > 0;
    }

    /** Which of {@code fields} are under a pending correction of this member (P13). */
    public Set<String> restrictedAmong(UUID memberId, Collection<String> fields) {
        @SuppressWarnings("unchecked")
        List<String> restricted = em.createNativeQuery(
                        "SELECT DISTINCT field FROM field_restriction WHERE member_id = ?1", String.class)
                .setParameter(1, memberId).getResultList();
        Set<String> among = new LinkedHashSet<>(fields);
        among.retainAll(restricted);
        return among;
    }
}
