package dev.privacy.platform.runtime.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import dev.privacy.platform.runtime.guard.RefusedInputException;
import dev.privacy.platform.runtime.inbox.Failures;
import dev.privacy.platform.runtime.logging.SafeErrors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error leaves as {@code application/problem+json} (RFC 9457): bad input as 400 with the
 * offending fields, never a stack trace, a 503 with Retry-After while the database is unreachable,
 * and a 500 only for a fault of ours, with a correlation ID that points to the server log.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return ProblemResponses.of(e.status(), e.slug(), e.title(), e.getMessage(), path(uri), e.violations(),
                e.headers(), null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .collect(Collectors.toList());
        return ProblemResponses.of(400, "validation", "Request is not valid",
                violations.size() + " field(s) are not valid", path(uri), violations);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return ProblemResponses.of(400, "unknown-field", "Request has a field this API does not accept",
                "Field '" + field + "' is not accepted; unknown fields are refused, not stored", path(uri),
                List.of(new Problem.Violation(field, "unknown field")));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        return ProblemResponses.of(400, "validation", "Request is not valid",
                "Field '" + field + "' has a value of the wrong form", path(uri),
                List.of(new Problem.Violation(field, "wrong type or format")));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        return ProblemResponses.of(400, "validation", "Request is not valid",
                field.isEmpty() ? "The body does not have the expected shape" : "Field '" + field + "' has the wrong shape",
                path(uri), field.isEmpty() ? List.of() : List.of(new Problem.Violation(field, "wrong type or shape")));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        String duplicate = duplicateField(e);
        if (duplicate != null) {
            return ProblemResponses.of(400, "duplicate-field", "Body has a duplicate field",
                    "Field '" + duplicate + "' appears more than once; a body names each field once", path(uri),
                    List.of(new Problem.Violation(duplicate, "duplicate field")));
        }
        return ProblemResponses.of(400, "malformed-json", "Body is not valid JSON",
                "The body could not be parsed as JSON", path(uri), List.of());
    }

    /** A body the parser's limits refuse (nesting depth, number length) or any other unreadable JSON. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof RefusedInputException refused) {
            return refusedInput(refused, uri);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownProperty(unknown, uri);
        }
        if (e instanceof InvalidFormatException format) {
            return invalidFormat(format, uri);
        }
        if (e instanceof MismatchedInputException mismatched) {
            return mismatchedInput(mismatched, uri);
        }
        if (e instanceof JsonMappingException mapping) {
            return jsonMapping(mapping, uri);
        }
        if (e instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        return ProblemResponses.of(400, "malformed-json", "Body is not valid JSON",
                "The body could not be read as JSON within this service's limits", path(uri), List.of());
    }

    /** The input layer's refusals ({@code StrictJson}): 400 naming the field, never echoing the value. */
    @ServerExceptionMapper
    public Response refusedInput(RefusedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        String title = "card-number-refused".equals(e.slug()) ? "Card numbers are not accepted" : "Request is not valid";
        return ProblemResponses.of(400, e.slug(), title,
                "Field '" + field + "' " + e.reason(), path(uri),
                List.of(new Problem.Violation(field, e.reason())));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        return ProblemResponses.of(400, "validation", "Request is not valid",
                "The body could not be read" + (field.isEmpty() ? "" : " at field '" + field + "'"), path(uri),
                field.isEmpty() ? List.of() : List.of(new Problem.Violation(field, "not readable")));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(403, "forbidden", "Forbidden",
                "Your role does not allow this operation", path(uri), List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        // the JSON reader wraps some Jackson refusals in a bare 400: answer them as the input layer's problems
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof RefusedInputException refused) {
                return refusedInput(refused, uri);
            }
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
        }
        if (status >= 500) {
            return internal(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request refused" : known.getReasonPhrase();
        Map<String, String> headers = e.getResponse().getHeaders().keySet().stream()
                .filter(h -> h.equalsIgnoreCase("Allow") || h.equalsIgnoreCase("Retry-After"))
                .collect(Collectors.toMap(h -> h, h -> e.getResponse().getHeaderString(h)));
        return ProblemResponses.of(status, slug(title), title, e.getMessage(), path(uri), List.of(), headers, null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        return internal(e, uri);
    }

    private static Response internal(Throwable e, UriInfo uri) {
        if (Failures.isInfrastructure(e)) {
            return unavailable(e, uri);
        }
        String correlationId = ProblemResponses.newCorrelationId();
        // class chain and throw site only: a message or a full chain can carry SQL parameters (hashes, ciphertext)
        LOG.errorf("Unexpected failure on %s (correlation %s): %s", path(uri), correlationId, SafeErrors.describe(e));
        return ProblemResponses.of(500, "internal", "Internal error",
                "The request failed on our side; quote the correlation ID when reporting it", path(uri), List.of(),
                Map.of(), correlationId);
    }

    /**
     * The database is unreachable (or a transaction lost a serialization race): not a fault of the
     * request and not a bug, so the caller is told to come back rather than handed a 500.
     */
    private static Response unavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unavailable on %s: %s", path(uri), SafeErrors.describe(e));
        return ProblemResponses.of(503, "unavailable", "Service temporarily unavailable",
                "A store this service depends on is unavailable; retry shortly (a create with the same Idempotency-Key)", path(uri),
                List.of(), Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)), null);
    }

    private static Response unauthenticated(UriInfo uri) {
        return ProblemResponses.of(401, "unauthenticated", "Authentication required",
                "A valid bearer token is required", path(uri), List.of(), Map.of("WWW-Authenticate", "Bearer"), null);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** The field named twice in a body, with its path (e.g. {@code address.city}), or {@code null}. */
    static String duplicateField(JsonParseException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return null;
        }
        int end = message.indexOf('\'', "Duplicate field '".length());
        String name = end < 0 ? message.substring("Duplicate field '".length()) : message.substring("Duplicate field '".length(), end);
        com.fasterxml.jackson.core.JsonParser parser = e.getProcessor();
        if (parser != null && parser.getParsingContext() != null && parser.getParsingContext().getParent() != null) {
            String parent = parser.getParsingContext().getParent().pathAsPointer().toString();
            if (!parent.isEmpty()) {
                return parent.substring(1).replace('/', '.') + "." + name;
            }
        }
        return name;
    }

    /** The JSON path of a Jackson error, e.g. {@code address.postcode}. */
    static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** The field of a bean-validation violation, without the method and parameter name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getName() != null) {
                names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
            }
        }
        if (names.isEmpty()) {
            // a violation on a parameter itself (e.g. a missing body or query parameter)
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    names.add(node.getName());
                }
            }
        }
        return String.join(".", names);
    }
}
