package dev.privacy.platform.runtime.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Asks whether the service's database answers at all: a failing handler is then the event's fault. */
@ApplicationScoped
public class DatabaseProbe {

    @Inject
    DataSource dataSource;

    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
