package dev.privacy.retention.rest;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Purpose;
import dev.privacy.retention.domain.PolicyRule;
import dev.privacy.retention.domain.RetentionPolicy;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The retention policy as loaded from the policy file, and the records-of-processing view
 * generated from it: public, like the privacy policy they come from.
 */
@Path("/v1/retention")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "retention")
public class RetentionPolicyResource {

    @Inject
    RetentionPolicy policy;

    @Inject
    Clock clock;

    public record RuleView(DataCategory category, String description, String owner, String period, String startsOn,
                           String clock, String legalBasis, String citation, String policyText,
                           DestructionMethod destruction, List<Purpose> purposes, List<String> recipients) {
    }

    public record PolicyView(String version, String source, List<RuleView> categories) {
    }

    /** One processing activity per category (PIPA Art. 30 items: purposes, items, period, recipients, destruction). */
    public record ProcessingActivity(DataCategory category, String items, List<Purpose> purposes, String legalBasis,
                                     String citation, String retentionPeriod, String retentionStartsOn,
                                     String heldBy, List<String> recipients, DestructionMethod destruction) {
    }

    public record RecordsOfProcessing(String controller, String policyVersion, String policySource,
                                      Instant generatedAt, List<ProcessingActivity> activities) {
    }

    @GET
    @Path("/policy")
    @Operation(summary = "Every data category's owner, period, start event, legal basis and citation (the policy file)")
    public PolicyView policy() {
        return new PolicyView(policy.version(), policy.source(), policy.rules().stream()
                .map(r -> new RuleView(r.category(), r.description(), r.owner(), r.period().toString(),
                        r.startsOn().eventName(), r.rollingWindow() ? "ROLLING_WINDOW" : "EVENT", r.legalBasis(),
                        r.citation(), r.policyText(), r.destruction(), r.purposes(), r.recipients()))
                .toList());
    }

    @GET
    @Path("/records-of-processing")
    @Operation(summary = "Records of processing generated from the policy file: categories, purposes, periods, bases, recipients")
    public RecordsOfProcessing recordsOfProcessing() {
        return new RecordsOfProcessing("LEJE", policy.version(), policy.source(), clock.instant(),
                policy.rules().stream().map(RetentionPolicyResource::activity).toList());
    }

    private static ProcessingActivity activity(PolicyRule r) {
        String startsOn = r.rollingWindow()
                ? "each record's creation (rolling window)"
                : r.startsOn().eventName();
        return new ProcessingActivity(r.category(), r.description(), r.purposes(), r.legalBasis(), r.citation(),
                r.period().isZero() ? "destroyed without delay (P0D)" : r.period().toString(), startsOn, r.owner(),
                r.recipients(), r.destruction());
    }
}
