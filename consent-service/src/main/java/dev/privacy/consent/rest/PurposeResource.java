package dev.privacy.consent.rest;

import dev.privacy.consent.domain.Notice;
import dev.privacy.consent.service.AudienceService;
import dev.privacy.consent.service.NoticeService;
import dev.privacy.consent.service.PurposeCatalogue;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The purposes catalogue and its versioned notices (P03, P05): public to read, published by a privacy officer. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "purposes")
public class PurposeResource {

    @Inject
    PurposeCatalogue catalogue;

    @Inject
    NoticeService notices;

    @Inject
    AudienceService audiences;

    @Inject
    IdempotentRequests idempotent;

    public record NoticeSummary(String version, LocalDate effectiveDate, String textHash) {
    }

    public record NoticeView(Purpose purpose, String version, LocalDate effectiveDate, String textHash, String text,
                             Instant publishedAt) {
    }

    public record PurposeView(Purpose purpose, String title, boolean required, boolean perRecipient,
                              List<DataCategory> dataCategories, NoticeSummary currentNotice,
                              List<NoticeSummary> notices) {
    }

    public record Catalogue(String controller, List<PurposeView> purposes) {
    }

    @Schema(name = "NoticePublication")
    public record PublishRequest(String version, LocalDate effectiveDate, String text) {
    }

    @GET
    @Path("/purposes")
    @PermitAll
    @Operation(summary = "The purposes catalogue: required and optional purposes, data categories, notice versions")
    public Catalogue purposes() {
        List<PurposeView> views = catalogue.all().stream().map(e -> new PurposeView(e.purpose(), e.title(),
                e.required(), e.perRecipient(), e.dataCategories(), summary(notices.current(e.purpose())),
                notices.versions(e.purpose()).stream().map(PurposeResource::summary).toList())).toList();
        return new Catalogue(catalogue.controller(), views);
    }

    @GET
    @Path("/notices/{purpose}")
    @PermitAll
    @Operation(summary = "Every version of a purpose's notice, with its text")
    public List<NoticeView> notices(@PathParam("purpose") String purpose) {
        Purpose p = known(purpose);
        return notices.versions(p).stream().map(PurposeResource::view).toList();
    }

    @POST
    @Path("/notices/{purpose}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Publish a new notice version (effective today unless dated)",
            description = "Members whose consent was given under an older version then appear in "
                    + "GET /v1/notices/{purpose}/reconsent-needed. Accepts an Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Published")
    @APIResponse(responseCode = "409", description = "The version exists (a version never changes)")
    public Response publish(@PathParam("purpose") String purpose, PublishRequest body,
                            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe") String key) {
        Purpose p = known(purpose);
        List<Problem.Violation> violations = new ArrayList<>();
        if (body == null) {
            throw ProblemException.badRequest("A request body is required");
        }
        if (body.version() == null || !body.version().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,31}")) {
            violations.add(new Problem.Violation("version", "1-32 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (body.text() == null || body.text().isBlank()) {
            violations.add(new Problem.Violation("text", "must not be blank"));
        } else if (body.text().length() > 20000) {
            violations.add(new Problem.Violation("text", "at most 20000 characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("The notice is not valid", violations.toArray(Problem.Violation[]::new));
        }
        return idempotent.execute("notice:" + p, key, body, () -> {
            Notice published = notices.publish(p, body.version(),
                    body.effectiveDate() == null ? notices.today() : body.effectiveDate(), body.text().strip());
            return Response.created(URI.create("/v1/notices/" + p)).entity(view(published)).build();
        });
    }

    @GET
    @Path("/notices/{purpose}/reconsent-needed")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Members whose live consent was given under an older notice version (re-consent needed)",
            description = "Cursor-paged by member ID; each member listed is an access record.")
    public AudienceService.ReconsentPage reconsentNeeded(@PathParam("purpose") String purpose,
                                                         @QueryParam("cursor") String cursor,
                                                         @QueryParam("limit") String limit) {
        return audiences.reconsentNeeded(known(purpose), cursor, limit);
    }

    private Purpose known(String purpose) {
        Purpose p = PurposeAndActor.purpose(purpose);
        if (catalogue.entry(p).isEmpty()) {
            throw ProblemException.notFound("No purpose " + p + " in the catalogue");
        }
        return p;
    }

    private static NoticeSummary summary(Notice n) {
        return new NoticeSummary(n.version, n.effectiveDate, n.textHash);
    }

    private static NoticeView view(Notice n) {
        return new NoticeView(n.purpose, n.version, n.effectiveDate, n.textHash, n.text, n.publishedAt);
    }
}
