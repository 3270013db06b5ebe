package dev.privacy.platform.runtime.guard;

import dev.privacy.platform.runtime.problem.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * The input layer for the request headers a service stores: the {@code Idempotency-Key} is kept
 * with the stored answer, so it gets the same refusals as every JSON string ({@link StrictJson#refusal}:
 * control characters, card numbers, length). Checked ahead of every route; the answer is a 400
 * problem naming the header, without its value.
 */
@ApplicationScoped
public class HeaderGuard {

    /** The headers that are stored or published, so checked like body text. */
    static final List<String> STORED_HEADERS = List.of("Idempotency-Key");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        for (String header : STORED_HEADERS) {
            for (String value : context.request().headers().getAll(header)) {
                String refusal = StrictJson.refusal(value);
                if (refusal != null) {
                    boolean card = refusal.startsWith("looks like a card");
                    JsonObject problem = new JsonObject()
                            .put("type", Problem.type(card ? "card-number-refused" : "validation").toString())
                            .put("title", card ? "Card numbers are not accepted" : "Request is not valid")
                            .put("status", 400)
                            .put("detail", "Header " + header + " " + refusal)
                            .put("instance", context.request().path())
                            .put("violations", new JsonArray().add(new JsonObject()
                                    .put("field", header).put("message", refusal)));
                    context.response().setStatusCode(400)
                            .putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .end(problem.encode());
                    return;
                }
            }
        }
        context.next();
    }
}
