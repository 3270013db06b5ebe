package dev.privacy.consent.service;

import dev.privacy.consent.domain.Notice;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * Versioned notices: the policy file's are stored at start (a version's text can never change: a
 * different text under a known version stops the start), a privacy officer publishes new ones. The
 * current notice of a purpose is the latest already in effect by the service clock.
 */
@ApplicationScoped
public class NoticeService {

    @Inject
    PurposeCatalogue catalogue;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Transactional
    void storePolicyNotices(@Observes StartupEvent start) {
        for (PurposeCatalogue.Entry entry : catalogue.all()) {
            for (PurposeCatalogue.NoticeText notice : entry.notices()) {
                insertIfAbsent(entry.purpose(), notice.version(), notice.effectiveDate(), notice.text());
                Notice stored = find(entry.purpose(), notice.version());
                if (!stored.textHash.equals(hash(notice.text()))) {
                    throw new IllegalStateException("Notice " + entry.purpose() + " version " + notice.version()
                            + " differs from the published text; publish a new version instead");
                }
            }
        }
    }

    /** Publishes a new version; 409 if the version exists. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Notice publish(Purpose purpose, String version, LocalDate effectiveDate, String text) {
        if (catalogue.entry(purpose).isEmpty()) {
            throw ProblemException.notFound("No purpose " + purpose + " in the catalogue");
        }
        if (!insertIfAbsent(purpose, version, effectiveDate, text)) {
            throw new ProblemException(409, "notice-version-exists", "Notice version exists",
                    "Notice " + purpose + " version " + version + " is already published; a version never changes",
                    List.of(new Problem.Violation("version", "already published")), java.util.Map.of());
        }
        return find(purpose, version);
    }

    /** The notice in effect today; before any is in effect, the earliest. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Notice current(Purpose purpose) {
        LocalDate today = today();
        return Notice.<Notice>find("purpose = ?1 and effectiveDate <= ?2 order by effectiveDate desc, publishedAt desc",
                        purpose, today).firstResultOptional()
                .or(() -> Notice.<Notice>find("purpose = ?1 order by effectiveDate, publishedAt", purpose)
                        .firstResultOptional())
                .orElseThrow(() -> new IllegalStateException("No notice for " + purpose));
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public List<Notice> versions(Purpose purpose) {
        return Notice.list("purpose = ?1 order by effectiveDate, publishedAt", purpose);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public Notice find(Purpose purpose, String version) {
        return Notice.findById(new Notice.Key(purpose, version));
    }

    private boolean insertIfAbsent(Purpose purpose, String version, LocalDate effectiveDate, String text) {
        return entityManager.createNativeQuery("""
                        INSERT INTO notice (purpose, version, effective_date, text_hash, text, published_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (purpose, version) DO NOTHING""")
                .setParameter(1, purpose.name()).setParameter(2, version).setParameter(3, effectiveDate)
                .setParameter(4, hash(text)).setParameter(5, text).setParameter(6, Timestamp.from(clock.instant()))
                .executeUpdate() == 1;
    }

    public static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
