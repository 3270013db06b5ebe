package dev.privacy.platform.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A member's life through the running local platform, one step at a time, printing what each
 * service did: sign-up, consents, a service application, a disclosure to a partner, a correction
 * and the notice it owes the partner, withdrawal, ten years later, the destruction certificates
 * and the audit log's verification. Every step goes through the public REST APIs, as a front-end
 * or a staff tool would; nothing reads a database.
 */
final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrivateKey devKey;
    private final String host;
    private int step;

    Demo(PrintStream out, PrivateKey devKey, String host) {
        this.out = out;
        this.devKey = devKey;
        this.host = host;
    }

    private String url(int port, String path) {
        return "http://" + host + ":" + port + path;
    }

    private static final int MEMBER = 8081;
    private static final int CONSENT = 8082;
    private static final int RETENTION = 8083;
    private static final int DISCLOSURE = 8084;
    private static final int AUDIT = 8085;

    int run() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer partner = partnerReceiver(received);
        try {
            return story(tag, partner.getAddress().getPort(), received);
        } finally {
            partner.stop(0);
        }
    }

    private int story(String tag, int partnerPort, List<JsonNode> received) throws Exception {
        String officer = token("privacy-officer", "officer-demo");
        String officer2 = token("privacy-officer", "officer-demo-2");
        String ops = token("ops", "ops-demo");
        String compliance = token("compliance", "compliance-demo");

        say("member-service: sign-up with exactly the items the policy lists (P01)");
        JsonNode signUp = call("POST", url(MEMBER, "/v1/members"), null, """
                {"name":"Demo Kim","loginId":"demo_%1$s","password":"demo-passphrase-%1$s","mobile":"010-5555-0100",
                 "email":"demo_%1$s@example.com","over14":true}""".formatted(tag), 201);
        String memberId = signUp.path("memberId").asText();
        detail("registered member " + memberId + ", status " + signUp.path("status").asText()
                + "; MemberRegistered published through the outbox (IDs only, no values)");
        JsonNode session = call("POST", url(MEMBER, "/v1/sessions"), null,
                "{\"loginId\":\"demo_%1$s\",\"password\":\"demo-passphrase-%1$s\"}".formatted(tag), 200);
        String member = session.path("accessToken").asText();
        detail("logged in: a member token for " + session.path("memberId").asText());

        say("consent-service: the ledger opened on MemberRegistered; the member opts in to marketing (P03, P05)");
        waitFor("the consent ledger", () -> status("GET", url(CONSENT, "/v1/members/" + memberId + "/consent-ledger"), member) == 200);
        JsonNode receipt = call("POST", url(CONSENT, "/v1/members/" + memberId + "/consents"), member,
                "{\"purpose\":\"MARKETING\"}", 201, 200);
        detail("consent receipt " + receipt.path("receiptId").asText(receipt.toString()) + "; ConsentGranted published");

        say("member-service: a service application — address and a payment token, never a card number (P01)");
        int refused = status("POST", url(MEMBER, "/v1/members/" + memberId + "/service-applications"), member, """
                {"address":{"postcode":"04524","line1":"1 Demo-ro"},"payment":{"processorToken":"4111111111111111","brand":"VISA","last4":"1111"}}""");
        detail("a card number where the token belongs: HTTP " + refused + " (problem+json)");
        JsonNode application = call("POST", url(MEMBER, "/v1/members/" + memberId + "/service-applications"), member, """
                {"address":{"postcode":"04524","line1":"1 Demo-ro"},"payment":{"processorToken":"tok_demo_%s","brand":"VISA","last4":"4242"}}"""
                .formatted(tag), 201);
        detail("application " + application.path("applicationId").asText() + "; ServiceApplied starts the 5-year payment-record clock");

        say("disclosure-service: a partner, the member's consent to it, a request, an approval, the delivery (P10)");
        JsonNode recipient = call("POST", url(DISCLOSURE, "/v1/recipients"), officer, """
                {"code":"demo-partner-%1$s","displayName":"Demo Partner","kind":"CONSENTED_THIRD_PARTY","contact":"privacy@partner.example",
                 "fields":["name","email"],"endpoint":"http://127.0.0.1:%2$d/notices","secret":"demo-shared-secret-%1$s-0123456789abcdef"}"""
                .formatted(tag, partnerPort), 201);
        String recipientId = recipient.path("id").asText();
        call("POST", url(CONSENT, "/v1/members/" + memberId + "/consents"), member,
                "{\"purpose\":\"THIRD_PARTY_PROVISION\",\"recipientId\":\"" + recipientId + "\"}", 201, 200);
        detail("recipient " + recipientId + " registered; the member consented to provision to it");
        String disclosureBody = """
                {"recipientId":"%s","memberId":"%s","fields":["name","email"],"purpose":"THIRD_PARTY_PROVISION","legalBasis":"CONSENT"}"""
                .formatted(recipientId, memberId);
        JsonNode disclosure = waitForCall("the consent to reach the disclosure-service", "POST",
                url(DISCLOSURE, "/v1/disclosures"), officer2, disclosureBody, 201);
        String disclosureId = disclosure.path("id").asText();
        call("POST", url(DISCLOSURE, "/v1/disclosures/" + disclosureId + "/approvals"), officer, "{}", 200, 201);
        waitFor("the delivery to the partner", () -> !received.isEmpty());
        detail("disclosure " + disclosureId + " approved and delivered: the partner received fields "
                + received.get(0).path("fields").toString().replaceAll("\"[^\"]*@[^\"]*\"", "\"<e-mail>\""));

        say("member-service → disclosure-service: a correction; while pending the fields are restricted (P13), once applied the partner is told (P14)");
        JsonNode correction = call("POST", url(MEMBER, "/v1/members/" + memberId + "/corrections"), member,
                "{\"fields\":[\"email\"]}", 201);
        String correctionId = correction.path("correctionId").asText();
        int blocked = waitForStatus("the restriction to reach the disclosure-service", "POST", url(DISCLOSURE, "/v1/disclosures"),
                officer2, disclosureBody, 409);
        detail("correction " + correctionId + " pending: a new disclosure of e-mail is refused (HTTP " + blocked + ")");
        int before = received.size();
        call("POST", url(MEMBER, "/v1/members/" + memberId + "/corrections/" + correctionId + "/apply"), member,
                "{\"changes\":{\"email\":\"demo_%s_new@example.com\"}}".formatted(tag), 200);
        waitFor("the correction notice at the partner", () -> received.size() > before);
        detail("CorrectionApplied → the partner received a signed correction notice, retried until acknowledged");

        say("member-service: withdrawal (P06, P11) — every service reacts");
        call("DELETE", url(MEMBER, "/v1/members/" + memberId), member, null, 204);
        waitFor("the marketing consent to end", () -> {
            JsonNode consents = call("GET", url(CONSENT, "/v1/members/" + memberId + "/consents"), officer, null, 200);
            return consents.toString().contains("MARKETING") && !consents.toString().matches(".*\"MARKETING\"[^}]*\"GRANTED\".*");
        });
        detail("consent-service: optional consents withdrawn at once, cookie preferences destroyed");
        JsonNode schedule = waitForCall("the retention schedule", "GET",
                url(RETENTION, "/v1/members/" + memberId + "/retention-schedule"), officer, null, 200);
        detail("retention-service: " + describeSchedule(schedule));

        say("ten years and a day later (the clocks of every service moved; outside prod only)");
        for (int port : List.of(MEMBER, CONSENT, RETENTION, DISCLOSURE, AUDIT)) {
            call("POST", url(port, "/v1/ops/clock/advance"), ops, "{\"by\":\"P3654D\"}", 200, 204);
        }
        try {
            waitFor("the destruction certificates", () -> call("GET",
                    url(RETENTION, "/v1/destruction-certificates?member=" + memberId), officer, null, 200).size() >= 3);
            JsonNode certificates = call("GET", url(RETENTION, "/v1/destruction-certificates?member=" + memberId), officer, null, 200);
            detail("retention-service: " + certificates.size() + " destruction certificates — " + categories(certificates));
            int gone = status("GET", url(MEMBER, "/v1/separated-members/" + memberId + "/lawful-disclosure?disclosureId="
                    + UUID.randomUUID() + "&fields=name"), token("service", "disclosure-service"), null);
            detail("member-service: the separated profile is gone and its data key destroyed (lawful read: HTTP " + gone + ")");
        } finally {
            for (int port : List.of(MEMBER, CONSENT, RETENTION, DISCLOSURE, AUDIT)) {
                status("DELETE", url(port, "/v1/ops/clock"), ops, null);
            }
        }

        say("audit-log-service: the hash chain over everything that happened verifies (P02, P19)");
        JsonNode verification = call("GET", url(AUDIT, "/v1/audit/verification"), compliance, null, 200);
        detail("intact=" + verification.path("intact").asText() + ", entries checked "
                + verification.path("entriesChecked").asText() + ", purged " + verification.path("purgedEntries").asText("0"));
        JsonNode entries = call("GET", url(AUDIT, "/v1/audit/entries?memberId=" + memberId + "&limit=200"), compliance, null, 200);
        detail("the member's audit trail: " + entries.path("entries").size() + " entries (events and access records)");
        out.println();
        out.println("Done: one member's life, kept to the policy by five services.");
        return 0;
    }

    private static String describeSchedule(JsonNode schedule) {
        JsonNode rows = schedule.isArray() ? schedule : schedule.path("schedules");
        StringBuilder s = new StringBuilder(rows.size() + " schedules:");
        rows.forEach(r -> s.append(' ').append(r.path("category").asText()).append('=').append(r.path("state").asText()));
        return s.toString();
    }

    private static String categories(JsonNode certificates) {
        JsonNode rows = certificates.isArray() ? certificates : certificates.path("certificates");
        StringBuilder s = new StringBuilder();
        rows.forEach(r -> s.append(s.isEmpty() ? "" : ", ").append(r.path("category").asText()));
        return s.toString();
    }

    // ----------------------------------------------------------------------------------- HTTP

    private String token(String role, String subject) {
        return DevTokens.sign(devKey, role, subject, Instant.now(), DevTokens.LIFETIME);
    }

    private HttpResponse<String> send(String method, String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DemoFailure(method + " " + url + " failed: " + e.getMessage()
                    + " — is the local platform running (deploy/local/start.sh)?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }

    private int status(String method, String url, String token, String body) {
        return send(method, url, token, body).statusCode();
    }

    private JsonNode call(String method, String url, String token, String body, int... expected) {
        HttpResponse<String> response = send(method, url, token, body);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return parse(response.body());
            }
        }
        throw new DemoFailure(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }

    private JsonNode waitForCall(String what, String method, String url, String token, String body, int expected) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> response = send(method, url, token, body);
            if (response.statusCode() == expected) {
                return parse(response.body());
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("waited " + PATIENCE.toSeconds() + " s for " + what + "; last answer "
                        + response.statusCode() + ": " + response.body());
            }
            pause();
        }
    }

    private int waitForStatus(String what, String method, String url, String token, String body, int expected) {
        waitFor(what, () -> status(method, url, token, body) == expected);
        return expected;
    }

    private void waitFor(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The partner's notice endpoint: acknowledges every delivery and correction notice. */
    private static HttpServer partnerReceiver(List<JsonNode> received) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/notices", exchange -> {
                received.add(parse(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void say(String text) {
        out.println();
        out.printf("%2d. %s%n", ++step, text);
    }

    private void detail(String text) {
        out.println("    " + text);
    }

    static final class DemoFailure extends RuntimeException {
        DemoFailure(String message) {
            super(message);
        }
    }
}
