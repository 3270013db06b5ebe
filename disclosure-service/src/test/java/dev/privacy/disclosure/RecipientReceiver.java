package dev.privacy.disclosure;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recipient's endpoint, started by a test: records every POST (body and headers). Disclosures are
 * acknowledged (200); correction notices get 500 for the first {@code failures} of them (all of them
 * with {@code failures < 0}), 200 after.
 */
final class RecipientReceiver implements AutoCloseable {

    static final String SECRET = "a-shared-signing-secret-of-40-characters!";

    private final HttpServer server;
    private final int failures;
    private final AtomicInteger seen = new AtomicInteger();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    record Delivery(byte[] body, String signature, String kind, String messageId, int answered) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RecipientReceiver(int failures) {
        this.failures = failures;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String kind = exchange.getRequestHeaders().getFirst("X-Privacy-Message");
            int status = 200;
            if ("correction-notice".equals(kind)) {
                int n = seen.incrementAndGet();
                status = failures < 0 || n <= failures ? 500 : 200;
            }
            deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-Privacy-Signature"), kind,
                    exchange.getRequestHeaders().getFirst("X-Privacy-Message-Id"), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static RecipientReceiver acknowledging() {
        return new RecipientReceiver(0);
    }

    static RecipientReceiver failingFirst(int failures) {
        return new RecipientReceiver(failures);
    }

    static RecipientReceiver neverAcknowledging() {
        return new RecipientReceiver(-1);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    List<Delivery> of(String kind) {
        return deliveries.stream().filter(d -> kind.equals(d.kind())).toList();
    }

    /** What the signature header must be: HMAC-SHA256 of the exact body under the shared secret. */
    static String expectedSignature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
