package dev.privacy.disclosure.service;

import dev.privacy.disclosure.config.DisclosureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * POSTs a JSON body to a recipient's endpoint, signed: {@code X-Privacy-Signature: sha256=<hex>}
 * is the HMAC-SHA256 of the exact body bytes under the recipient's shared secret. Acknowledged
 * means a 2xx answer.
 */
@ApplicationScoped
public class RecipientDelivery {

    public static final String SIGNATURE_HEADER = "X-Privacy-Signature";
    public static final String KIND_HEADER = "X-Privacy-Message";
    public static final String ID_HEADER = "X-Privacy-Message-Id";

    private final HttpClient http;
    private final DisclosureConfig config;

    @Inject
    public RecipientDelivery(DisclosureConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.deliveryTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The outcome of one attempt: the HTTP status, or 0 if none came. */
    public record Outcome(int status, String error) {
        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    public Outcome post(String endpoint, String secret, String kind, String messageId, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(config.deliveryTimeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, "sha256=" + SecretBox.sign(secret, body))
                .header(KIND_HEADER, kind)
                .header(ID_HEADER, messageId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null : "HTTP_" + response.statusCode());
        } catch (IOException e) {
            return new Outcome(0, "UNREACHABLE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "INTERRUPTED");
        } catch (IllegalArgumentException e) {
            return new Outcome(0, "BAD_ENDPOINT");
        }
    }
}
