package dev.privacy.disclosure;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the member-service's disclosure-view and separated-store reads, started by the
 * tests on a free port: answers fixed values per member and field, records each call's path, query
 * and the subject of its bearer token. The real member-service is exercised by the e2e suite.
 */
public class MemberServiceStandIn implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile MemberServiceStandIn instance;

    private HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<UUID, Map<String, String>> values = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> statusOverride = new ConcurrentHashMap<>();
    private final Map<UUID, String> problemOverride = new ConcurrentHashMap<>();

    public record Call(String path, Map<String, String> query, String subject) {
    }

    public static MemberServiceStandIn get() {
        return instance;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/", this::handle);
        server.start();
        instance = this;
        return Map.of("privacy.disclosure.member-service-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The value the stand-in answers for a member's field (default: "<field>-of-<memberId>"). */
    public void setValue(UUID memberId, String field, String value) {
        values.computeIfAbsent(memberId, k -> new ConcurrentHashMap<>()).put(field, value);
    }

    public static String defaultValue(UUID memberId, String field) {
        return field + "-of-" + memberId;
    }

    /** Make every read of this member answer this status (e.g. 409 for a restricted field). */
    public void answer(UUID memberId, int status) {
        statusOverride.put(memberId, status);
    }

    /** Make every read of this member answer a problem of this status and slug (e.g. 409 approval-expired). */
    public void answerProblem(UUID memberId, int status, String slug) {
        statusOverride.put(memberId, status);
        problemOverride.put(memberId, slug);
    }

    public List<Call> callsFor(UUID memberId) {
        return calls.stream().filter(c -> c.path().contains(memberId.toString())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        calls.add(new Call(path, query, subject(exchange.getRequestHeaders().getFirst("Authorization"))));
        String[] parts = path.split("/");
        UUID memberId = UUID.fromString(parts[3]);
        int status = statusOverride.getOrDefault(memberId, 200);
        byte[] body;
        if (status != 200 && problemOverride.containsKey(memberId)) {
            body = ("{\"type\":\"urn:privacy-platform:problem:" + problemOverride.get(memberId) + "\",\"title\":\"Refused\","
                    + "\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        } else if (status != 200) {
            body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        } else {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String f : query.getOrDefault("fields", "").split(",")) {
                fields.put(f, values.getOrDefault(memberId, Map.of()).getOrDefault(f, defaultValue(memberId, f)));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("memberId", memberId);
            if (path.endsWith("/disclosure-view")) {
                answer.put("purpose", query.get("purpose"));
            } else {
                answer.put("disclosureId", query.get("disclosureId"));
            }
            answer.put("fields", fields);
            body = JSON.writeValueAsBytes(answer);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The {@code sub} claim of a bearer JWT (not verified: the stand-in only reports who the caller says it is). */
    private static String subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] jwt = authorization.substring(7).split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt[1])).path("sub").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
