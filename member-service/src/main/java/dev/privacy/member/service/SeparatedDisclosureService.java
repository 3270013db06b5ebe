package dev.privacy.member.service;

import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.platform.runtime.crypto.MemberCipher;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The read of a withdrawn member's separated profile for an approved lawful disclosure (P08, P10).
 * The disclosure-service calls it after two privacy officers approved a lawful request; the
 * disclosure ID makes the read traceable. Only the requested fields are read and decrypted, and the
 * access is recorded (purpose {@link Purpose#LAWFUL_DISCLOSURE}) in the same transaction.
 */
@ApplicationScoped
public class SeparatedDisclosureService {

    private static final Logger LOG = Logger.getLogger(SeparatedDisclosureService.class);

    @Inject
    SeparatedStore separatedStore;

    @Inject
    DataKeys dataKeys;

    @Inject
    AccessLog accessLog;

    @Inject
    CurrentActor currentActor;

    /** What is released: the requested fields of the separated member, with the disclosure they serve. */
    public record SeparatedDisclosure(UUID memberId, UUID disclosureId, Map<String, String> fields, Instant separatedAt) {
        @Override
        public String toString() {
            return "SeparatedDisclosure[" + memberId + ", disclosure " + disclosureId + ", fields " + fields.keySet() + "]";
        }
    }

    /**
     * What the read can be refused for before its approval is checked back: the member not in the
     * separated store (404) or a field restricted at withdrawal (409, P13). Nothing is decrypted.
     */
    @Transactional
    public void requireReadable(UUID memberId, Collection<String> fields) {
        Optional<SeparatedStore.SeparatedProfile> found = separatedStore.profileForLawfulDisclosure(memberId, fields);
        if (found.isEmpty() || !dataKeys.exists(memberId)) {
            throw ProblemException.notFound("No member " + memberId + " is held in the separated store");
        }
        Restrictions.refuseUse(found.get().restricted());
    }

    /**
     * Reads the given profile fields (already validated names) of a separated member. 404 when the
     * member is not in the separated store: live, never registered, or destroyed — one answer for all.
     */
    @Transactional
    public SeparatedDisclosure read(UUID memberId, UUID disclosureId, Collection<String> fields) {
        Optional<SeparatedStore.SeparatedProfile> found = separatedStore.profileForLawfulDisclosure(memberId, fields);
        // the data key lives in the application's schema: read it after the separated role was reset
        Optional<MemberCipher> cipher = found.isEmpty() ? Optional.empty() : dataKeys.of(memberId);
        if (found.isEmpty() || cipher.isEmpty()) {
            throw ProblemException.notFound("No member " + memberId + " is held in the separated store");
        }
        SeparatedStore.SeparatedProfile profile = found.get();
        // contested at withdrawal and never corrected: neither used nor provided (P13)
        Restrictions.refuseUse(profile.restricted());
        Map<String, String> values = new LinkedHashMap<>();
        profile.ciphertexts().forEach((field, ciphertext) -> values.put(field, cipher.get().decrypt(field, ciphertext)));
        List<String> released = List.copyOf(values.keySet());
        accessLog.byCaller(memberId, AccessAction.READ, released, Purpose.LAWFUL_DISCLOSURE, disclosureId);
        // identifiers and field names only, never a value
        LOG.infof("Lawful disclosure %s: fields %s of separated member %s read by %s", disclosureId, released, memberId,
                currentActor.get().id());
        return new SeparatedDisclosure(memberId, disclosureId, values, profile.separatedAt());
    }
}
