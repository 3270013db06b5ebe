package dev.privacy.member;

import com.sun.net.httpserver.HttpExchange;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.testing.StandInService;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the disclosure-service's {@code GET /v1/disclosures/{id}} and
 * {@code GET /v1/correction-notices/{id}}, which the member-service checks every release back
 * against: a JDK HttpServer on a free port answering the disclosures and notices a test put here
 * (unknown → 404 problem), recording each call's path and bearer-token subject. {@link #goDown()}
 * makes it drop every connection unanswered, as a crashed service would. The real disclosure-service
 * is exercised in the e2e suite.
 */
public class DisclosureServiceStandIn extends StandInService {

    private static volatile DisclosureServiceStandIn instance;

    private final Map<UUID, Map<String, Object>> disclosures = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, Object>> notices = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    public record Call(String path, String subject) {
    }

    public static DisclosureServiceStandIn get() {
        return instance;
    }

    @Override
    protected String urlProperty() {
        return "member.disclosure.service-url";
    }

    @Override
    protected void started() {
        instance = this;
    }

    /** An approved disclosure of these fields, approved just now; returns its ID. */
    public static UUID approved(UUID memberId, Purpose purpose, String basis, String... fields) {
        return instance.disclosure(memberId, purpose, basis, "APPROVED", Instant.now(), fields);
    }

    /** A consented provision (CONSENT, THIRD_PARTY_PROVISION) approved just now. */
    public static UUID approvedProvision(UUID memberId, String... fields) {
        return approved(memberId, Purpose.THIRD_PARTY_PROVISION, "CONSENT", fields);
    }

    /** A lawful request (LAWFUL_REQUEST, LAWFUL_DISCLOSURE) approved by two officers just now. */
    public static UUID approvedLawfulRequest(UUID memberId, String... fields) {
        return approved(memberId, Purpose.LAWFUL_DISCLOSURE, "LAWFUL_REQUEST", fields);
    }

    public UUID disclosure(UUID memberId, Purpose purpose, String basis, String status, Instant approvedAt,
                           String... fields) {
        UUID id = UUID.randomUUID();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id.toString());
        d.put("memberId", memberId.toString());
        d.put("recipientId", UUID.randomUUID().toString()); // properties the member-service does not need are ignored
        d.put("fields", List.of(fields));
        d.put("purpose", purpose.name());
        d.put("legalBasis", basis);
        d.put("status", status);
        d.put("approvalsRequired", "LAWFUL_REQUEST".equals(basis) ? 2 : 1);
        d.put("approvedAt", approvedAt == null ? null : approvedAt.toString());
        disclosures.put(id, d);
        return id;
    }

    /** The disclosure-service's record changes, e.g. to EXECUTED after the release. */
    public void setStatus(UUID disclosureId, String status) {
        disclosures.get(disclosureId).put("status", status);
    }

    /** A correction notice (P14) in the given status (PENDING until acknowledged); returns its ID. */
    public static UUID notice(UUID memberId, Purpose purpose, String status, String... fields) {
        UUID id = UUID.randomUUID();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id.toString());
        n.put("memberId", memberId.toString());
        n.put("disclosureId", UUID.randomUUID().toString());
        n.put("purpose", purpose.name());
        n.put("fields", List.of(fields));
        n.put("status", status);
        n.put("attempts", 1);
        instance.notices.put(id, n);
        return id;
    }

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    public List<Call> callsFor(UUID id) {
        return calls.stream().filter(c -> c.path().endsWith("/" + id)).toList();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        calls.add(new Call(path, bearerSubject(exchange)));
        if (down) {
            // no answer at all: the connection is dropped, as by a crashed or unreachable service
            exchange.close();
            return;
        }
        String[] parts = path.split("/");
        Map<String, Object> found = null;
        if (parts.length == 4) {
            UUID id = uuidOrNull(parts[3]);
            if (id != null && parts[2].equals("disclosures")) {
                found = disclosures.get(id);
            } else if (id != null && parts[2].equals("correction-notices")) {
                found = notices.get(id);
            }
        }
        if (found == null) {
            respondProblem(exchange, 404, "not-found", "Not found");
        } else {
            respondJson(exchange, 200, found);
        }
    }

    private static UUID uuidOrNull(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
