package dev.privacy.disclosure.service;

import dev.privacy.disclosure.domain.FieldList;
import dev.privacy.disclosure.domain.Recipient;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The registry of third parties (P10): consented partners and investigative agencies. */
@ApplicationScoped
public class RecipientService {

    private static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");
    private static final Set<String> KINDS = Set.of(Recipient.CONSENTED_THIRD_PARTY, Recipient.INVESTIGATIVE_AGENCY);
    /** A shared secret short enough to guess is no signature. */
    public static final int MIN_SECRET_LENGTH = 32;

    @Inject
    SecretBox secrets;

    @Inject
    EndpointRules endpoints;

    @Inject
    CurrentActor actor;

    @Inject
    Clock clock;

    public record Registration(String code, String displayName, String kind, String contact, List<String> fields,
                               String endpoint, String secret) {
        @Override
        public String toString() {
            return "Registration[" + code + "]";
        }
    }

    /** Refuses a registration with every offending field listed (400). */
    public void validate(Registration r) {
        List<Problem.Violation> v = new ArrayList<>();
        if (r.code() == null || !CODE.matcher(r.code()).matches()) {
            v.add(new Problem.Violation("code", "must be 2-64 lower-case letters, digits or '-'"));
        }
        if (r.displayName() == null || r.displayName().isBlank() || r.displayName().length() > 255) {
            v.add(new Problem.Violation("displayName", "is required, at most 255 characters"));
        }
        if (r.kind() == null || !KINDS.contains(r.kind())) {
            v.add(new Problem.Violation("kind", "must be CONSENTED_THIRD_PARTY or INVESTIGATIVE_AGENCY"));
        }
        if (r.contact() == null || r.contact().isBlank() || r.contact().length() > 255) {
            v.add(new Problem.Violation("contact", "is required, at most 255 characters"));
        }
        v.addAll(ProfileFields.violations("fields", r.fields()));
        boolean partner = Recipient.CONSENTED_THIRD_PARTY.equals(r.kind());
        if (r.endpoint() == null || r.endpoint().isBlank()) {
            if (partner) {
                v.add(new Problem.Violation("endpoint", "is required for a consented third party (deliveries and correction notices)"));
            }
        } else if (r.endpoint().length() > 2048) {
            v.add(new Problem.Violation("endpoint", "is longer than 2048 characters"));
        } else {
            endpoints.problemWith(r.endpoint()).ifPresent(p -> v.add(new Problem.Violation("endpoint", p)));
        }
        boolean hasEndpoint = r.endpoint() != null && !r.endpoint().isBlank();
        if (hasEndpoint && (r.secret() == null || r.secret().length() < MIN_SECRET_LENGTH || r.secret().length() > 256)) {
            v.add(new Problem.Violation("secret", "is required with an endpoint: " + MIN_SECRET_LENGTH + "-256 characters"));
        } else if (!hasEndpoint && r.secret() != null) {
            v.add(new Problem.Violation("secret", "is only for an endpoint"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.badRequest(v.size() + " field(s) are not valid", v.toArray(Problem.Violation[]::new));
        }
    }

    @Transactional
    public Recipient register(Registration r) {
        if (Recipient.count("code", r.code()) > 0) {
            throw new ProblemException(409, "recipient-exists", "Recipient exists",
                    "A recipient with code " + r.code() + " is already registered",
                    List.of(new Problem.Violation("code", "is already registered")), java.util.Map.of());
        }
        Recipient recipient = new Recipient();
        recipient.id = UUID.randomUUID();
        recipient.code = r.code();
        recipient.displayName = r.displayName().strip();
        recipient.kind = r.kind();
        recipient.contact = r.contact().strip();
        recipient.allowedFields = FieldList.join(ProfileFields.canonical(r.fields()));
        boolean hasEndpoint = r.endpoint() != null && !r.endpoint().isBlank();
        recipient.endpoint = hasEndpoint ? r.endpoint().strip() : null;
        recipient.secretCiphertext = hasEndpoint ? secrets.seal(r.secret()) : null;
        recipient.createdBy = actor.get().id();
        recipient.createdAt = Instant.now(clock);
        recipient.persist();
        return recipient;
    }

    public List<Recipient> list() {
        return Recipient.listAll(Sort.by("code"));
    }

    public Recipient require(UUID id) {
        Recipient r = Recipient.findById(id);
        if (r == null) {
            throw ProblemException.notFound("No recipient " + id);
        }
        return r;
    }

    /** The recipient's shared secret in the clear, for signing only. */
    public String secretOf(Recipient r) {
        return secrets.open(r.secretCiphertext);
    }

    /** The idempotency fingerprint of a registration: the secret only as a keyed hash. */
    public Registration fingerprint(Registration r) {
        return new Registration(r.code(), r.displayName(), r.kind(), r.contact(), r.fields(), r.endpoint(),
                r.secret() == null ? null : secrets.fingerprint(r.secret()));
    }
}
