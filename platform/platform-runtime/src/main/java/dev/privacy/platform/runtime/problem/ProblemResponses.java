package dev.privacy.platform.runtime.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds problem+json responses; the one place that decides their shape. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(int status, String slug, String title, String detail, String instance,
                              List<Problem.Violation> violations) {
        return of(status, slug, title, detail, instance, violations, Map.of(), null);
    }

    public static Response of(int status, String slug, String title, String detail, String instance,
                              List<Problem.Violation> violations, Map<String, String> headers, String correlationId) {
        Problem problem = new Problem(Problem.type(slug), title, status, detail, instance, violations, correlationId);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }

    public static String newCorrelationId() {
        return UUID.randomUUID().toString();
    }
}
