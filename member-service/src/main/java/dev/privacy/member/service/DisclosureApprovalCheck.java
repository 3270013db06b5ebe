package dev.privacy.member.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.privacy.member.config.MemberConfig;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Verifies, before any field leaves, that the release the disclosure-service asks for is covered by
 * an approval it holds (P10): the approval is read back from the disclosure-service with this
 * service's own token — the caller's word is not taken. For a disclosure: status APPROVED (an
 * EXECUTED one was released already, so a repeat is a replay), the same member and purpose, the
 * requested fields within the approved ones, the separated store only on a lawful request, and the
 * approval younger than {@code member.disclosure.approval-validity}. For a correction notice (P14):
 * the notice still PENDING, the same member and purpose, the fields within the notice's. Any doubt
 * refuses: the disclosure-service unreachable or answering oddly → 503, nothing released.
 *
 * <p>Refusals are problems whose slug starts with {@code approval-}: 403 when the approval does not
 * cover the release (unknown, another member, another purpose, basis, fields beyond it), 409 when it
 * is not or no longer open (not approved, used, expired), 503 when it cannot be verified.
 */
@ApplicationScoped
public class DisclosureApprovalCheck {

    private static final Logger LOG = Logger.getLogger(DisclosureApprovalCheck.class);

    /** Which store a release reads: the live profile or the separated store of withdrawn members (P08). */
    public enum Store { LIVE, SEPARATED }

    @Inject
    @RestClient
    DisclosureServiceClient client;

    @Inject
    DisclosureServiceToken token;

    @Inject
    MemberConfig config;

    @Inject
    Clock clock;

    /** The parts of the disclosure-service's disclosure that decide a release; the rest is ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Approval(UUID id, UUID memberId, List<String> fields, String purpose, String legalBasis,
                           String status, Instant approvedAt) {
    }

    /** The parts of a correction notice that decide the read of its corrected values. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Notice(UUID id, UUID memberId, List<String> fields, String purpose, String status) {
    }

    /** Refuses unless the approved disclosure covers reading {@code fields} of {@code memberId} from {@code store}. */
    public void verifyDisclosure(UUID disclosureId, UUID memberId, Collection<String> fields, Purpose purpose, Store store) {
        Approval a = fetch(() -> client.disclosure(disclosureId, token.authorization()), Approval.class, disclosureId, "disclosureId");
        if (!memberId.equals(a.memberId())) {
            throw refusal(disclosureId, 403, "approval-mismatch", "The approval is for another member",
                    List.of(new Problem.Violation("memberId", "not the member of disclosure " + disclosureId)));
        }
        if ("EXECUTED".equals(a.status())) {
            throw refusal(disclosureId, 409, "approval-used", "Disclosure " + disclosureId
                    + " was executed already: its approval released the fields once and is not used again", List.of());
        }
        if (!"APPROVED".equals(a.status())) {
            throw refusal(disclosureId, 409, "approval-not-approved", "Disclosure " + disclosureId + " is "
                    + a.status() + ", not APPROVED", List.of());
        }
        if (store == Store.SEPARATED && !"LAWFUL_REQUEST".equals(a.legalBasis())) {
            throw refusal(disclosureId, 403, "approval-basis", "A withdrawn member's separated data is released "
                    + "on a lawful request only (P08); disclosure " + disclosureId + " rests on " + a.legalBasis(),
                    List.of(new Problem.Violation("disclosureId", "basis " + a.legalBasis() + " does not open the separated store")));
        }
        if (!purpose.name().equals(a.purpose())) {
            throw refusal(disclosureId, 403, "approval-mismatch", "The approval is for purpose " + a.purpose(),
                    List.of(new Problem.Violation("purpose", "disclosure " + disclosureId + " was approved for " + a.purpose())));
        }
        refuseFieldsBeyond(disclosureId, fields, a.fields());
        Instant now = clock.instant();
        if (a.approvedAt() == null || now.isAfter(a.approvedAt().plus(config.disclosure().approvalValidity()))) {
            throw refusal(disclosureId, 409, "approval-expired", "The approval of disclosure " + disclosureId
                    + " is older than " + config.disclosure().approvalValidity() + "; it needs a new approval", List.of());
        }
    }

    /** Refuses unless the pending correction notice covers reading {@code fields} of {@code memberId} (P14). */
    public void verifyNotice(UUID noticeId, UUID memberId, Collection<String> fields, Purpose purpose) {
        Notice n = fetch(() -> client.correctionNotice(noticeId, token.authorization()), Notice.class, noticeId, "noticeId");
        if (!memberId.equals(n.memberId())) {
            throw refusal(noticeId, 403, "approval-mismatch", "The correction notice is for another member",
                    List.of(new Problem.Violation("memberId", "not the member of notice " + noticeId)));
        }
        if (!"PENDING".equals(n.status())) {
            throw refusal(noticeId, 409, "approval-used", "Correction notice " + noticeId + " is " + n.status()
                    + ": its corrected values were sent already", List.of());
        }
        if (!purpose.name().equals(n.purpose())) {
            throw refusal(noticeId, 403, "approval-mismatch", "The correction notice is for purpose " + n.purpose(),
                    List.of(new Problem.Violation("purpose", "notice " + noticeId + " serves " + n.purpose())));
        }
        refuseFieldsBeyond(noticeId, fields, n.fields());
    }

    private void refuseFieldsBeyond(UUID reference, Collection<String> requested, List<String> approved) {
        List<String> beyond = requested.stream().filter(f -> approved == null || !approved.contains(f)).toList();
        if (!beyond.isEmpty()) {
            throw refusal(reference, 403, "approval-fields-exceeded", "Not approved for release: "
                    + String.join(", ", beyond), beyond.stream()
                    .map(f -> new Problem.Violation(f, "not among the approved fields of " + reference)).toList());
        }
    }

    private <T> T fetch(Supplier<Response> call, Class<T> type, UUID reference, String parameter) {
        try (Response response = call.get()) {
            return answer(response, type, reference, parameter);
        } catch (WebApplicationException e) {
            // the client's default mapper raises 4xx/5xx answers: judge them the same way
            return answer(e.getResponse(), type, reference, parameter);
        } catch (ProcessingException | IllegalStateException e) {
            throw unverifiable(reference, e.getClass().getSimpleName());
        }
    }

    private <T> T answer(Response response, Class<T> type, UUID reference, String parameter) {
        int status = response.getStatus();
        if (status == 404) {
            throw refusal(reference, 403, "approval-unknown", "The disclosure-service holds no approval " + reference,
                    List.of(new Problem.Violation(parameter, "no such approval at the disclosure-service")));
        }
        if (status != 200) {
            throw unverifiable(reference, "HTTP_" + status);
        }
        T body;
        try {
            body = response.readEntity(type);
        } catch (RuntimeException e) {
            throw unverifiable(reference, "UNREADABLE");
        }
        if (body == null) {
            throw unverifiable(reference, "EMPTY");
        }
        return body;
    }

    private static ProblemException unverifiable(UUID reference, String why) {
        // IDs and codes only in the log: never a value
        LOG.warnf("Release for %s refused: the approval could not be verified (%s)", reference, why);
        return new ProblemException(503, "approval-unverifiable", "Approval not verifiable",
                "The disclosure-service could not confirm the approval; nothing is released", List.of(),
                Map.of("Retry-After", "10"));
    }

    private static ProblemException refusal(UUID reference, int status, String slug, String detail,
                                            List<Problem.Violation> violations) {
        LOG.infof("Release for %s refused: %s %s", reference, slug,
                violations.stream().map(Problem.Violation::field).filter(Objects::nonNull).toList());
        return new ProblemException(status, slug, "Release not approved", detail, violations, Map.of());
    }
}
