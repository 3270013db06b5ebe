package dev.privacy.e2e;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A third party's endpoint, as the partner would run it: a JDK HTTP server on 127.0.0.1 that keeps
 * every delivery (message kind, signature check, body) and acknowledges it with 200.
 */
final class RecipientReceiver implements AutoCloseable {

    record Delivery(String kind, String messageId, boolean signatureValid, String body) {
    }

    final String secret = "e2e-shared-secret-" + java.util.UUID.randomUUID();
    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    RecipientReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Privacy-Signature");
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Privacy-Message"),
                    exchange.getRequestHeaders().getFirst("X-Privacy-Message-Id"),
                    ("sha256=" + hmac(body)).equals(signature), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Delivery> deliveries(String kind) {
        return deliveries.stream().filter(d -> kind.equals(d.kind())).toList();
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
