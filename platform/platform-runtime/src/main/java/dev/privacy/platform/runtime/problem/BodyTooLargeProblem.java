package dev.privacy.platform.runtime.problem;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import dev.privacy.platform.runtime.config.PlatformConfig;

/**
 * Refuses a body over {@code privacy.http.max-body-size} with the same problem+json as every other
 * error. Quarkus' own limit ({@code quarkus.http.limits.max-body-size}, set higher) answers before
 * routing with a bare 413, so this one, checked on Content-Length ahead of every route, is the
 * limit clients normally meet; the transport limit stays as the backstop for chunked bodies.
 */
@ApplicationScoped
public class BodyTooLargeProblem {

    private long maxBodyBytes;

    void install(@Observes Router router, PlatformConfig config) {
        maxBodyBytes = config.http().maxBodySize();
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && exceeds(length)) {
            JsonObject problem = new JsonObject()
                    .put("type", Problem.type("body-too-large").toString())
                    .put("title", "Request body too large")
                    .put("status", 413)
                    .put("detail", "The request body exceeds the " + maxBodyBytes + " bytes this service accepts")
                    .put("instance", context.request().path());
            context.response().setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(problem.encode());
            return;
        }
        context.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException malformed) {
            return false; // the HTTP layer rejects a malformed Content-Length itself
        }
    }
}
