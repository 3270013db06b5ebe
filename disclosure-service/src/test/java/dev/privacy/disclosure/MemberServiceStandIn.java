package dev.privacy.disclosure;

import com.sun.net.httpserver.HttpExchange;
import dev.privacy.platform.testing.StandInService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
public class MemberServiceStandIn extends StandInService {

    private static volatile MemberServiceStandIn instance;

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
    protected String urlProperty() {
        return "privacy.disclosure.member-service-url";
    }

    @Override
    protected void started() {
        instance = this;
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

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange);
        calls.add(new Call(path, query, bearerSubject(exchange)));
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
        respond(exchange, status, "application/json", body);
    }
}
