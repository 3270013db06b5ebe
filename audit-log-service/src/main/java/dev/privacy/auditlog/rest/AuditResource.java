package dev.privacy.auditlog.rest;

import dev.privacy.auditlog.config.AuditConfig;
import dev.privacy.auditlog.domain.AuditCheckpoint;
import dev.privacy.auditlog.domain.AuditEntry;
import dev.privacy.auditlog.service.AccessReview;
import dev.privacy.auditlog.service.ChainVerifier;
import dev.privacy.auditlog.service.CheckpointSigner;
import dev.privacy.auditlog.service.EntryQuery;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.rest.RequestParams;
import dev.privacy.platform.runtime.security.Roles;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * Read-only access to the audit chain for compliance staff and the privacy officer. There is no
 * endpoint that changes or deletes an entry; the table refuses it too (trigger).
 */
@Path("/v1/audit")
@RolesAllowed({Roles.COMPLIANCE, Roles.PRIVACY_OFFICER})
@Tag(name = "audit")
public class AuditResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    private static final int PAGE_DEFAULT = 100;
    private static final int PAGE_MAX = 1000;

    @Inject
    EntryQuery query;

    @Inject
    ChainVerifier verifier;

    @Inject
    CheckpointSigner signer;

    @Inject
    AccessReview accessReview;

    @Inject
    AuditConfig config;

    public record EntryPage(List<EntryView> entries, String nextCursor) {
    }

    @GET
    @Path("/entries")
    @Produces({MediaType.APPLICATION_JSON, NDJSON, CSV})
    @Operation(summary = "Entries in chain order by member, actor, type, source event and time (from inclusive, "
            + "to exclusive). JSON is cursor-paged (nextCursor); Accept application/x-ndjson or text/csv, or "
            + "format=ndjson|csv, exports every match after the cursor")
    public Response entries(@QueryParam("memberId") String memberId, @QueryParam("actorId") String actorId,
                            @QueryParam("type") String type, @QueryParam("sourceEventId") String sourceEventId,
                            @QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                            @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        EntryQuery.Filter filter = new EntryQuery.Filter(RequestParams.uuid("memberId", memberId),
                RequestParams.text("actorId", actorId, 255), RequestParams.text("type", type, 100),
                RequestParams.uuid("sourceEventId", sourceEventId), RequestParams.instant("from", from),
                RequestParams.instant("to", to));
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw RequestParams.invalid("to", "must be after from");
        }
        Long after = RequestParams.nonNegativeLong("cursor", cursor);
        long afterSequence = after == null ? -1 : after;
        String mediaType = mediaType(format, accept);
        if (!mediaType.equals(MediaType.APPLICATION_JSON)) {
            return Response.ok(export(filter, afterSequence, mediaType), mediaType + ";charset=UTF-8").build();
        }
        int pageSize = RequestParams.limit(limit, PAGE_DEFAULT, PAGE_MAX);
        List<EntryView> entries = query.page(filter, afterSequence, pageSize).stream().map(EntryView::of).toList();
        String next = entries.size() < pageSize ? null : Long.toString(entries.get(entries.size() - 1).sequence());
        return Response.ok(new EntryPage(entries, next), MediaType.APPLICATION_JSON).build();
    }

    private static String mediaType(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim()) {
                case "json" -> MediaType.APPLICATION_JSON;
                case "ndjson", "jsonl" -> NDJSON;
                case "csv" -> CSV;
                default -> throw RequestParams.invalid("format", "must be json, ndjson or csv");
            };
        }
        if (accept != null && accept.contains(NDJSON)) {
            return NDJSON;
        }
        if (accept != null && accept.contains(CSV)) {
            return CSV;
        }
        return MediaType.APPLICATION_JSON;
    }

    /** The whole export, bounded: a larger one asks the caller to narrow the query or continue from a cursor. */
    private String export(EntryQuery.Filter filter, long afterSequence, String mediaType) {
        StringBuilder out = new StringBuilder();
        if (mediaType.equals(CSV)) {
            out.append(String.join(",", EntryView.CSV_HEADER)).append("\r\n");
        }
        int max = config.export().maxEntries();
        int written = 0;
        long after = afterSequence;
        while (true) {
            List<AuditEntry> batch = query.page(filter, after, PAGE_MAX);
            for (AuditEntry entry : batch) {
                if (++written > max) {
                    throw new ProblemException(422, "export-too-large", "Export too large",
                            "More than " + max + " entries match; narrow the query or export from a cursor");
                }
                EntryView view = EntryView.of(entry);
                if (mediaType.equals(CSV)) {
                    out.append(view.csvRow()).append("\r\n");
                } else {
                    out.append(EventJson.mapper().valueToTree(view).toString()).append('\n');
                }
                after = entry.sequence;
            }
            if (batch.size() < PAGE_MAX) {
                return out.toString();
            }
        }
    }

    @GET
    @Path("/verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify the chain from..to (sequences, inclusive; default all): every link, leaf hash and "
            + "signed checkpoint; names the first broken entry and why")
    public ChainVerifier.Verification verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        return verifier.verify(RequestParams.nonNegativeLong("from", from), RequestParams.nonNegativeLong("to", to));
    }

    public record CheckpointView(long sequence, String headHash, Instant signedAt, String keyId, String algorithm,
                                 String signature, String signedStatement) {
    }

    @GET
    @Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Signed checkpoints of the chain head, newest first (after the cursor sequence if given)")
    public List<CheckpointView> checkpoints(@QueryParam("before") String before, @QueryParam("limit") String limit) {
        Long beforeSequence = RequestParams.nonNegativeLong("before", before);
        int pageSize = RequestParams.limit(limit, PAGE_DEFAULT, PAGE_MAX);
        var found = beforeSequence == null
                ? AuditCheckpoint.<AuditCheckpoint>findAll(Sort.descending("sequence"))
                : AuditCheckpoint.<AuditCheckpoint>find("sequence < ?1", Sort.descending("sequence"), beforeSequence);
        return found.page(0, pageSize).list().stream().map(c -> new CheckpointView(c.sequence, c.headHash, c.signedAt,
                c.keyId, "Ed25519", c.signature, new String(CheckpointSigner.statement(c.sequence, c.headHash, c.signedAt),
                java.nio.charset.StandardCharsets.UTF_8))).toList();
    }

    public record SigningKey(String keyId, String algorithm, String publicKey) {
    }

    @GET
    @Path("/checkpoints/key")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The Ed25519 public key (base64 X.509 DER) that checkpoint signatures verify with")
    public SigningKey signingKey() {
        return new SigningKey(signer.keyId(), "Ed25519", signer.publicKeyBase64());
    }

    @GET
    @Path("/access-review")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Monthly review of staff and system access records (P19): per actor the members and fields "
            + "reached, purposes, and outliers; month as YYYY-MM (UTC)")
    public AccessReview.Report accessReview(@QueryParam("month") String month) {
        return accessReview.of(RequestParams.month(month));
    }
}
