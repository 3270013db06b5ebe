package dev.privacy.consent.service;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
import dev.privacy.consent.domain.ConsentRecord;
import dev.privacy.consent.domain.ConsentSubject;
import dev.privacy.consent.domain.CookiePreference;
import dev.privacy.consent.domain.ReceiptMethod;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.CookieChoice;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.consent.CookiePreferencesChanged;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cookie preferences (P16): allow all, confirm each, refuse all; for a member or an anonymous
 * device, which a member can link to themself at login. For a member the preference is also the
 * cookie-targeting consent: allowing targeting grants it, refusing withdraws it (a receipt each), so
 * a refusal switches targeting off in every service that follows consent.events.
 *
 * <p>The decision "may I set category X?": ESSENTIAL always; STATISTICS when the preference allows
 * it; TARGETING when the preference allows it and, for a member, the cookie-targeting consent is
 * live. Nothing recorded means no (optional purposes default off, P05). A withdrawn member: only
 * ESSENTIAL.
 */
@ApplicationScoped
public class CookiePreferenceService {

    public static final List<String> FIELDS = List.of("cookiePreferences");

    /** Reason code of the targeting consent's withdrawal by a cookie refusal. */
    public static final String COOKIES_REFUSED = "COOKIES_REFUSED";

    public enum Category { ESSENTIAL, STATISTICS, TARGETING }

    public record PreferenceView(UUID memberId, UUID deviceId, CookieChoice choice, boolean targeting,
                                 boolean statistics, Instant updatedAt) {
    }

    public record Decision(String category, boolean allowed, String basis) {
    }

    @Inject
    ConsentService consents;

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

    @Inject
    Clock clock;

    /** Resolves the flags a choice stands for; CONFIRM_EACH needs both named. */
    public static boolean[] flags(CookieChoice choice, Boolean targeting, Boolean statistics) {
        if (choice == null) {
            throw ProblemException.badRequest("A choice is required", new Problem.Violation("choice", "must not be null"));
        }
        return switch (choice) {
            case ALLOW_ALL -> agree(choice, true, targeting, statistics);
            case REFUSE_ALL -> agree(choice, false, targeting, statistics);
            case CONFIRM_EACH -> {
                if (targeting == null || statistics == null) {
                    throw ProblemException.badRequest("CONFIRM_EACH names each category",
                            violationsIfNull(targeting, statistics));
                }
                yield new boolean[]{targeting, statistics};
            }
        };
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public PreferenceView setForMember(UUID memberId, CookieChoice choice, Boolean targeting, Boolean statistics,
                                       Acting acting) {
        boolean[] f = flags(choice, targeting, statistics);
        ConsentSubject subject = consents.lockedMember(memberId);
        ConsentService.requireMember(subject);
        CookiePreference pref = CookiePreference.<CookiePreference>find("memberId", memberId).firstResultOptional()
                .orElseGet(() -> newPreference(memberId, null));
        PreferenceView view = save(pref, choice, f[0], f[1], null);
        syncTargetingConsent(memberId, f[0], acting);
        access.record(memberId, AccessAction.UPDATE, FIELDS, Purpose.COOKIE_TARGETING);
        return view;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public PreferenceView setForDevice(UUID deviceId, CookieChoice choice, Boolean targeting, Boolean statistics) {
        boolean[] f = flags(choice, targeting, statistics);
        CookiePreference pref = CookiePreference.<CookiePreference>find("deviceId", deviceId).firstResultOptional()
                .orElseGet(() -> newPreference(null, deviceId));
        if (pref.linkedMemberId != null) {
            throw new ProblemException(409, "device-linked", "Device is linked to a member",
                    "This device follows its member's cookie preferences; the member sets them");
        }
        return save(pref, choice, f[0], f[1], null);
    }

    /**
     * Links an anonymous device to the member who logged in on it. A member without preferences of
     * their own takes the device's; a member with preferences keeps them, and the device follows.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public PreferenceView link(UUID deviceId, UUID memberId, Acting acting) {
        ConsentSubject subject = consents.lockedMember(memberId);
        ConsentService.requireMember(subject);
        CookiePreference device = CookiePreference.<CookiePreference>find("deviceId", deviceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("No cookie preferences for device " + deviceId));
        if (device.linkedMemberId != null && !device.linkedMemberId.equals(memberId)) {
            throw ProblemException.notFound("No cookie preferences for device " + deviceId + " are yours to link");
        }
        device.linkedMemberId = memberId;
        Optional<CookiePreference> own = CookiePreference.find("memberId", memberId).firstResultOptional();
        PreferenceView view;
        if (own.isEmpty()) {
            view = save(newPreference(memberId, null), device.choice, device.targeting, device.statistics, deviceId);
            syncTargetingConsent(memberId, device.targeting, acting);
        } else {
            view = toView(own.get());
        }
        access.record(memberId, AccessAction.UPDATE, FIELDS, Purpose.COOKIE_TARGETING);
        return view;
    }

    /** The member's own preferences; 404 when none are recorded (every optional category is then off). */
    @Transactional(Transactional.TxType.REQUIRED)
    public PreferenceView ofMember(UUID memberId) {
        CookiePreference pref = CookiePreference.<CookiePreference>find("memberId", memberId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("No cookie preferences recorded for member " + memberId));
        access.record(memberId, AccessAction.READ, FIELDS, Purpose.COOKIE_TARGETING);
        return toView(pref);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Decision decideForMember(UUID memberId, String categoryName) {
        Category category = category(categoryName);
        if (category == Category.ESSENTIAL) {
            return new Decision(category.name(), true, "ESSENTIAL");
        }
        Decision decision = memberDecision(memberId, category);
        access.record(memberId, AccessAction.READ, FIELDS, purposeOf(category));
        return decision;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Decision decideForDevice(UUID deviceId, String categoryName) {
        Category category = category(categoryName);
        if (category == Category.ESSENTIAL) {
            return new Decision(category.name(), true, "ESSENTIAL");
        }
        Optional<CookiePreference> pref = CookiePreference.find("deviceId", deviceId).firstResultOptional();
        if (pref.isEmpty()) {
            return new Decision(category.name(), false, "NO_PREFERENCE");
        }
        if (pref.get().linkedMemberId != null) {
            UUID memberId = pref.get().linkedMemberId;
            Decision decision = memberDecision(memberId, category);
            access.record(memberId, AccessAction.READ, FIELDS, purposeOf(category));
            return decision;
        }
        boolean allowed = category == Category.TARGETING ? pref.get().targeting : pref.get().statistics;
        return new Decision(category.name(), allowed, "DEVICE_PREFERENCE");
    }

    /** P06: the member's cookie preferences and the devices linked to them go at once on withdrawal. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long destroyFor(UUID memberId) {
        return CookiePreference.delete("memberId = ?1 or linkedMemberId = ?1", memberId);
    }

    /**
     * Set-based {@link #destroyFor}, counted per member: a member's own row has member_id, a device
     * linked to it has linked_member_id (and no member_id).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, Long> destroyForAll(Collection<UUID> memberIds) {
        return SubjectStatements.countPerSubject(entityManager, """
                DELETE FROM cookie_preference WHERE member_id = ANY(?) OR linked_member_id = ANY(?)
                RETURNING COALESCE(member_id, linked_member_id)""", memberIds);
    }

    private Decision memberDecision(UUID memberId, Category category) {
        ConsentSubject subject = ConsentSubject.findById(memberId);
        if (subject == null || !subject.isMember()) {
            return new Decision(category.name(), false, subject == null ? "NO_PREFERENCE" : "MEMBERSHIP_ENDED");
        }
        Optional<CookiePreference> pref = CookiePreference.find("memberId", memberId).firstResultOptional();
        if (category == Category.STATISTICS) {
            return new Decision(category.name(), pref.map(p -> p.statistics).orElse(false),
                    pref.isPresent() ? "MEMBER_PREFERENCE" : "NO_PREFERENCE");
        }
        boolean consent = ConsentRecord.of(memberId, Purpose.COOKIE_TARGETING, null).map(ConsentRecord::isLive)
                .orElse(false);
        if (pref.isPresent() && !pref.get().targeting) {
            return new Decision(category.name(), false, "MEMBER_PREFERENCE");
        }
        if (!consent) {
            return new Decision(category.name(), false, "NO_TARGETING_CONSENT");
        }
        return new Decision(category.name(), true, pref.isPresent() ? "MEMBER_PREFERENCE" : "TARGETING_CONSENT");
    }

    private void syncTargetingConsent(UUID memberId, boolean targeting, Acting acting) {
        Acting viaCookies = acting.withMethod(ReceiptMethod.COOKIE_PREFERENCES);
        if (targeting) {
            consents.grantInternally(memberId, Purpose.COOKIE_TARGETING, viaCookies);
        } else {
            ConsentRecord.of(memberId, Purpose.COOKIE_TARGETING, null).filter(ConsentRecord::isLive)
                    .ifPresent(live -> consents.withdrawLive(live, viaCookies.withReason(COOKIES_REFUSED)));
        }
    }

    private PreferenceView save(CookiePreference pref, CookieChoice choice, boolean targeting, boolean statistics,
                                UUID viaDevice) {
        pref.choice = choice;
        pref.targeting = targeting;
        pref.statistics = statistics;
        pref.updatedAt = clock.instant();
        if (!pref.isPersistent()) {
            pref.persist();
        }
        outbox.publish(new CookiePreferencesChanged(pref.memberId, pref.memberId == null ? pref.deviceId : viaDevice,
                choice, targeting, statistics, pref.updatedAt));
        return toView(pref);
    }

    private static CookiePreference newPreference(UUID memberId, UUID deviceId) {
        CookiePreference pref = new CookiePreference();
        pref.id = UUID.randomUUID();
        pref.memberId = memberId;
        pref.deviceId = deviceId;
        return pref;
    }

    private static PreferenceView toView(CookiePreference p) {
        return new PreferenceView(p.memberId, p.deviceId, p.choice, p.targeting, p.statistics, p.updatedAt);
    }

    private static Category category(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.badRequest("A cookie category is required",
                    new Problem.Violation("category", "one of ESSENTIAL, STATISTICS, TARGETING"));
        }
        try {
            return Category.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown cookie category",
                    new Problem.Violation("category", "one of ESSENTIAL, STATISTICS, TARGETING"));
        }
    }

    private static Purpose purposeOf(Category category) {
        return category == Category.TARGETING ? Purpose.COOKIE_TARGETING : Purpose.COOKIE_STATISTICS;
    }

    private static boolean[] agree(CookieChoice choice, boolean value, Boolean targeting, Boolean statistics) {
        if ((targeting != null && targeting != value) || (statistics != null && statistics != value)) {
            throw ProblemException.badRequest(choice + " sets every category to " + value,
                    new Problem.Violation(targeting != null && targeting != value ? "targeting" : "statistics",
                            "contradicts " + choice));
        }
        return new boolean[]{value, value};
    }

    private static Problem.Violation[] violationsIfNull(Boolean targeting, Boolean statistics) {
        return java.util.stream.Stream.of(targeting == null ? "targeting" : null, statistics == null ? "statistics" : null)
                .filter(java.util.Objects::nonNull).map(f -> new Problem.Violation(f, "required for CONFIRM_EACH"))
                .toArray(Problem.Violation[]::new);
    }
}
