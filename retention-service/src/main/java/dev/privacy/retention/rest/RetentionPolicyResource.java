package dev.privacy.retention.rest;

import dev.privacy.retention.domain.RetentionRule;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The published retention rules: public, like the privacy policy they come from. */
@Path("/v1/retention/policy")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "retention")
public class RetentionPolicyResource {

    public record RuleView(String category, String period, String startsOn, String legalBasis, String policyText) {
    }

    @GET
    @Operation(summary = "Retention period, start event and legal basis of every data category")
    public List<RuleView> rules() {
        return RetentionRule.<RetentionRule>listAll(Sort.by("category")).stream()
                .map(r -> new RuleView(r.category, r.period, r.startsOn, r.legalBasis, r.policyText))
                .toList();
    }
}
