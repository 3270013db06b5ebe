package dev.privacy.platform.runtime.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creating POSTs: the first response to a key is stored in the same
 * transaction as the creation and replayed for a repeat; the same key with a different body is
 * refused (422). The stored body is the response, which carries IDs, never personal data.
 *
 * <p>The request is remembered only as a SHA-256 fingerprint. A body that carries a secret or
 * personal data (a password, an e-mail) must not be fingerprinted in the clear, since an unsalted
 * hash can be guessed against: pass a keyed fingerprint of it instead (member-service does).
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRED)
    public Response execute(String scope, String key, Object request, Supplier<Response> create) {
        if (key == null || key.isBlank()) {
            return create.get();
        }
        if (key.length() > 255) {
            throw ProblemException.badRequest("Idempotency-Key is longer than 255 characters");
        }
        String requestHash = hash(request);
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, scope + "|" + key).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> stored = entityManager.createNativeQuery(
                        "SELECT request_hash, status, location, body FROM idempotency_key WHERE scope = ?1 AND idempotency_key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        if (!stored.isEmpty()) {
            Object[] row = stored.get(0);
            if (!requestHash.equals(row[0])) {
                throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "This Idempotency-Key was used with a different request");
            }
            Response.ResponseBuilder replay = Response.status((Integer) row[1]).header("Idempotent-Replayed", "true");
            if (row[2] != null) {
                replay.location(URI.create((String) row[2]));
            }
            if (row[3] != null) {
                replay.entity(row[3]).type("application/json");
            }
            return replay.build();
        }
        Response response = create.get();
        entityManager.createNativeQuery("""
                        INSERT INTO idempotency_key (idempotency_key, scope, request_hash, status, location, body, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, key)
                .setParameter(2, scope)
                .setParameter(3, requestHash)
                .setParameter(4, response.getStatus())
                .setParameter(5, response.getLocation() == null ? null : response.getLocation().toString())
                .setParameter(6, response.hasEntity() ? toJson(response.getEntity()) : null)
                .setParameter(7, Timestamp.from(clock.instant()))
                .executeUpdate();
        return response;
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(toJson(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise for idempotency", e);
        }
    }
}
