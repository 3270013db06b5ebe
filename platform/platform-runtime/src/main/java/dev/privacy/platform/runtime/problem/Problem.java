package dev.privacy.platform.runtime.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/** An RFC 9457 problem detail, with the offending fields of a bad request. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations,
                      String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record Violation(String field, String message) {
    }

    public static URI type(String slug) {
        return URI.create("urn:privacy-platform:problem:" + slug);
    }
}
