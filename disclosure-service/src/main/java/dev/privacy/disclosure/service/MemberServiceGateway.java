package dev.privacy.disclosure.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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

        public ReleaseFailed(int status, String code) {
            super(code);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The member-service refused because a field is under a pending correction (P13). */
        public boolean restricted() {
            return status == 409;
        }
    }

    public Released release(UUID memberId, Collection<String> fields, Purpose purpose, UUID disclosureId,
                            boolean separatedStore) {
        String joined = String.join(",", fields);
        try (Response response = separatedStore
                ? client.lawfulSeparatedRead(memberId, joined, disclosureId, token.authorization())
                : client.disclosureView(memberId, joined, purpose.name(), disclosureId, token.authorization())) {
            if (response.getStatus() != 200) {
                throw new ReleaseFailed(response.getStatus(), "MEMBER_SERVICE_" + response.getStatus());
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
            // The client's default mapper turns a 4xx/5xx answer into an exception: keep only the status.
            throw new ReleaseFailed(e.getResponse().getStatus(), "MEMBER_SERVICE_" + e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw new ReleaseFailed(503, "MEMBER_SERVICE_UNREACHABLE");
        }
    }

    public static List<String> names(Released released) {
        return List.copyOf(released.fields().keySet());
    }
}
