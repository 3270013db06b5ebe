package dev.privacy.disclosure.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.platform.events.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads exactly the approved fields of a member from the member-service, at the moment of release.
 * Values never leave this class in a log line: failures are reported by status code only.
 */
@ApplicationScoped
public class MemberServiceGateway {

    @Inject
    @RestClient
    MemberServiceClient client;

    @Inject
    ServiceToken token;

    @Inject
    ObjectMapper json;

    private static final String PROBLEM_TYPE = "urn:privacy-platform:problem:";

    /** The released values, in the order asked for. */
    public record Released(Map<String, String> fields) {
        @Override
        public String toString() {
            return "Released" + fields.keySet();
        }
    }

    /** The member-service's answer body; other properties (memberId, purpose, separatedAt) are not needed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReleaseBody(Map<String, String> fields) {
        @Override
        public String toString() {
            return "ReleaseBody[redacted]";
        }
    }

    /** Why a release failed, as a code for the request's last_error. */
    public static class ReleaseFailed extends RuntimeException {
        private final int status;
        private final String problem;

        public ReleaseFailed(int status, String code) {
            this(status, code, null);
        }

        public ReleaseFailed(int status, String code, String problem) {
            super(code);
            this.status = status;
            this.problem = problem;
        }

        public int status() {
            return status;
        }

        /** The member-service refused because a field is under a pending correction (P13). */
        public boolean restricted() {
            return "fields-restricted".equals(problem) || (problem == null && status == 409);
        }

        /**
         * The member-service checked the approval back and refused it (expired, no longer approved,
         * beyond its fields, ...): trying again cannot help. {@code approval-unverifiable} (503, this
         * service unreachable from there) is not final and is retried.
         */
        public boolean approvalRefused() {
            return problem != null && problem.startsWith("approval-") && status != 503;
        }

        /** The refusal as a reason code, e.g. {@code approval-expired} → {@code APPROVAL_EXPIRED}. */
        public String reasonCode() {
            return problem == null ? getMessage() : problem.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        }
    }

    /** The release for an approved disclosure. */
    public Released release(UUID memberId, Collection<String> fields, Purpose purpose, UUID disclosureId,
                            boolean separatedStore) {
        String joined = String.join(",", fields);
        return read(fields, () -> separatedStore
                ? client.lawfulSeparatedRead(memberId, joined, disclosureId, token.authorization())
                : client.disclosureView(memberId, joined, purpose.name(), disclosureId, null, token.authorization()));
    }

    /** The corrected values for a correction notice (P14), read at send time under the notice's own ID. */
    public Released correctedValues(UUID memberId, Collection<String> fields, Purpose purpose, UUID noticeId) {
        String joined = String.join(",", fields);
        return read(fields, () -> client.disclosureView(memberId, joined, purpose.name(), null, noticeId,
                token.authorization()));
    }

    private Released read(Collection<String> fields, java.util.function.Supplier<Response> call) {
        try (Response response = call.get()) {
            if (response.getStatus() != 200) {
                throw failure(response);
            }
            ReleaseBody body = response.readEntity(ReleaseBody.class);
            Map<String, String> values = new LinkedHashMap<>();
            for (String f : fields) {
                if (body.fields() == null || !body.fields().containsKey(f)) {
                    throw new ReleaseFailed(502, "MEMBER_SERVICE_FIELD_MISSING");
                }
                values.put(f, body.fields().get(f));
            }
            // Only the approved fields go on, even if more came back.
            return new Released(values);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            // The client's default mapper turns a 4xx/5xx answer into an exception: keep the status and problem type.
            throw failure(e.getResponse());
        } catch (ProcessingException e) {
            throw new ReleaseFailed(503, "MEMBER_SERVICE_UNREACHABLE");
        }
    }

    /** The status and the problem's slug (its type's last part); the problem's text is not kept. */
    private ReleaseFailed failure(Response response) {
        int status = response.getStatus();
        String slug = null;
        try {
            String body = response.readEntity(String.class);
            String type = body == null ? "" : json.readTree(body).path("type").asText("");
            if (type.startsWith(PROBLEM_TYPE)) {
                slug = type.substring(PROBLEM_TYPE.length());
            }
        } catch (RuntimeException | java.io.IOException e) {
            // no readable problem: the status alone decides
        }
        return new ReleaseFailed(status, "MEMBER_SERVICE_" + status, slug);
    }

    public static List<String> names(Released released) {
        return List.copyOf(released.fields().keySet());
    }
}
