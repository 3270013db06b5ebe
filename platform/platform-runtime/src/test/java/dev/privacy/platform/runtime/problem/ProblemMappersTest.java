package dev.privacy.platform.runtime.problem;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aLostDatabaseConnectionIsA503WithRetryAfterNotA500() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        Throwable failure = new PersistenceException(new JDBCConnectionException("could not open connection", refused));

        Response response = mappers.unexpected(failure, null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(((Problem) response.getEntity()).correlationId()).isNull();
    }

    @Test
    void anOperatorShutdownOfTheDatabaseIsA503() {
        Throwable failure = new IllegalStateException(new SQLException("terminating connection due to administrator command", "57P01"));

        assertThat(mappers.unexpected(failure, null).getStatus()).isEqualTo(503);
    }

    @Test
    void aBugOfOursStaysA500WithACorrelationId() {
        Throwable failure = new PersistenceException(new SQLException("duplicate key value violates unique constraint", "23505"));

        Response response = mappers.unexpected(failure, null);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((Problem) response.getEntity()).correlationId()).isNotBlank();
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }
}
