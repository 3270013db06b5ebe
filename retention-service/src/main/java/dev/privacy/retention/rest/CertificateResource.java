package dev.privacy.retention.rest;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.rest.RequestParams;
import dev.privacy.platform.runtime.security.Roles;
import dev.privacy.retention.domain.DestructionCertificate;
import dev.privacy.retention.service.MemberReference;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Destruction certificates (P07, P09), for the privacy officer. */
@Path("/v1/destruction-certificates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Tag(name = "certificates")
public class CertificateResource {

    private static final int LIMIT = 500;

    @Inject
    MemberReference memberReference;

    public record CertificateView(UUID certificateId, UUID destructionId, UUID scheduleId, String memberRef,
                                  DataCategory category, String destroyedBy, DestructionMethod method, long recordCount,
                                  Instant createdBefore, Instant destroyedAt, Instant certifiedAt, String evidence,
                                  String evidenceSha256) {
        static CertificateView of(DestructionCertificate c) {
            return new CertificateView(c.id, c.destructionId, c.scheduleId, c.memberRef, c.category, c.destroyedBy,
                    c.method, c.recordCount, c.createdBefore, c.destroyedAt, c.certifiedAt, c.evidence, c.evidenceSha256);
        }
    }

    @GET
    @Transactional
    @Operation(summary = "Destruction certificates, of one member (by member ID, matched through its pseudonym) and/or category")
    public List<CertificateView> list(@QueryParam("member") String member, @QueryParam("category") String category) {
        UUID memberId = RequestParams.uuid("member", member,
                new RequestParams.Refusal("'member' must be a UUID", "not a UUID"));
        DataCategory cat = RequestParams.enumValue(DataCategory.class, "category", category,
                new RequestParams.Refusal("'category' is not a DataCategory", "not a DataCategory"));
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (memberId != null) {
            where.append(" and memberRef = :ref");
            params.and("ref", memberReference.of(memberId));
        }
        if (cat != null) {
            where.append(" and category = :category");
            params.and("category", cat);
        }
        return DestructionCertificate.<DestructionCertificate>find(where + " order by certifiedAt desc", params)
                .page(0, LIMIT).list().stream().map(CertificateView::of).toList();
    }

    @GET
    @Path("/{certificateId}")
    @Transactional
    @Operation(summary = "One destruction certificate with its evidence and SHA-256")
    public CertificateView one(@PathParam("certificateId") UUID certificateId) {
        DestructionCertificate c = DestructionCertificate.findById(certificateId);
        if (c == null) {
            throw ProblemException.notFound("No destruction certificate " + certificateId);
        }
        return CertificateView.of(c);
    }
}
