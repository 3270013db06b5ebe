package dev.privacy.platform.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stand-in for another service of the platform in a service's own tests: a JDK HttpServer on a
 * free loopback port serving {@code /v1/}, whose base URL is handed to the service under test in
 * the config property a subclass names. Subclasses answer the few calls the service makes; the real
 * service is exercised by the e2e suite. Helpers here read what a caller sends (query, bearer
 * subject) and answer JSON or problem+json the way the platform does.
 */
public abstract class StandInService implements QuarkusTestResourceLifecycleManager {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    /** The config property of the service under test that takes this stand-in's base URL. */
    protected abstract String urlProperty();

    /** Answers one call to {@code /v1/...}; must send a response or close the exchange. */
    protected abstract void handle(HttpExchange exchange) throws IOException;

    /** Called once the server listens, e.g. to publish the instance to the tests. */
    protected void started() {
    }

    @Override
    public final Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/", this::handle);
        server.start();
        started();
        return Map.of(urlProperty(), "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public final void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Sends a body of the given content type and closes the exchange. */
    protected static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    protected static void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
        respond(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /** A problem+json answer with the platform's type URN for the slug. */
    protected static void respondProblem(HttpExchange exchange, int status, String slug, String title) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:privacy-platform:problem:" + slug);
        problem.put("title", title);
        problem.put("status", status);
        respond(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
    }

    /** The decoded query parameters of a call (the last value of a repeated name). */
    protected static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * The {@code sub} claim of the caller's bearer JWT, or null. Not verified: a stand-in only
     * reports who the caller says it is, so a test can assert which token the service used.
     */
    protected static String bearerSubject(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] jwt = authorization.substring(7).split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt[1])).path("sub").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
