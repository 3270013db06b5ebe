package dev.privacy.consent.service;

import dev.privacy.consent.config.ConsentConfig;
import dev.privacy.consent.domain.Notice;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Member lists read from the consent ledger: the marketing audience (P05) and the members who must
 * consent again to a new notice version. Both read the same database the withdrawals write, so a
 * withdrawal (of the consent or of the membership) is reflected by the next query, without delay.
 */
@ApplicationScoped
public class AudienceService {

    public static final List<String> AUDIENCE_FIELDS = List.of("marketingConsent");

    @Inject
    EntityManager entityManager;

    @Inject
    ConsentConfig config;

    @Inject
    NoticeService notices;

    @Inject
    PurposeCatalogue catalogue;

    @Inject
    AccessRecorder access;

    /** Members with a live marketing consent whose membership lasts. Each one returned is an access record. */
    @Transactional(Transactional.TxType.REQUIRED)
    public MemberPages.Page marketing(String cursor, String limit) {
        int size = MemberPages.limit(limit, config.audience().defaultLimit(), config.audience().maxLimit());
        UUID after = MemberPages.after(cursor);
        List<UUID> rows = query("""
                SELECT c.member_id FROM consent_record c JOIN consent_subject s ON s.member_id = c.member_id
                WHERE c.purpose = 'MARKETING' AND c.state = 'GRANTED' AND s.withdrawn_at IS NULL
                  AND c.member_id > CAST(?1 AS uuid)
                ORDER BY c.member_id LIMIT ?2""", after, size + 1, null);
        MemberPages.Page page = MemberPages.of(rows, size);
        page.memberIds().forEach(id -> access.record(id, AccessAction.READ, AUDIENCE_FIELDS, Purpose.MARKETING));
        return page;
    }

    /** Members with a live consent to {@code purpose} given under a notice version other than the current one. */
    @Transactional(Transactional.TxType.REQUIRED)
    public ReconsentPage reconsentNeeded(Purpose purpose, String cursor, String limit) {
        if (catalogue.entry(purpose).isEmpty()) {
            throw ProblemException.notFound("No purpose " + purpose + " in the catalogue");
        }
        int size = MemberPages.limit(limit, config.audience().defaultLimit(), config.audience().maxLimit());
        UUID after = MemberPages.after(cursor);
        Notice current = notices.current(purpose);
        List<UUID> rows = query("""
                SELECT DISTINCT c.member_id FROM consent_record c JOIN consent_subject s ON s.member_id = c.member_id
                WHERE c.purpose = ?3 AND c.state = 'GRANTED' AND s.withdrawn_at IS NULL AND c.notice_version <> ?4
                  AND c.member_id > CAST(?1 AS uuid)
                ORDER BY c.member_id LIMIT ?2""", after, size + 1, new Object[]{purpose.name(), current.version});
        MemberPages.Page page = MemberPages.of(rows, size);
        page.memberIds().forEach(id -> access.record(id, AccessAction.READ, ConsentService.CONSENT_FIELDS, purpose));
        return new ReconsentPage(purpose, current.version, page.memberIds(), page.nextCursor());
    }

    public record ReconsentPage(Purpose purpose, String currentVersion, List<UUID> memberIds, String nextCursor) {
    }

    /** Below every member ID: the nil UUID (no member has it). */
    private static final String FIRST = "00000000-0000-0000-0000-000000000000";

    @SuppressWarnings("unchecked")
    private List<UUID> query(String sql, UUID after, int limit, Object[] more) {
        var query = entityManager.createNativeQuery(sql).setParameter(1, after == null ? FIRST : after.toString())
                .setParameter(2, limit);
        if (more != null) {
            for (int i = 0; i < more.length; i++) {
                query.setParameter(3 + i, more[i]);
            }
        }
        return ((List<Object>) query.getResultList()).stream().map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString()))
                .toList();
    }
}
