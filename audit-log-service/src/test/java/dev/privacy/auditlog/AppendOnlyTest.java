package dev.privacy.auditlog;

import dev.privacy.auditlog.service.Checkpoints;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13: the log is append-only for the role the service runs as. {@code REVOKE ... FROM PUBLIC}
 * never bound the table's owner; the trigger does, on the service's own datasource.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class AppendOnlyTest {

    @Inject
    DataSource dataSource;

    @Inject
    Checkpoints checkpoints;

    private long anEntry() {
        return AuditTestSupport.awaitSequence(AuditTestSupport.send(Topics.MEMBER_EVENTS, Services.MEMBER,
                new MemberActivated(UUID.randomUUID(), null, Instant.now())));
    }

    @Test
    void P19_anUpdateThroughTheServicesOwnDatasourceIsRefused() throws SQLException {
        long sequence = anEntry();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate(
                    "UPDATE audit_entry SET source_type = 'MemberWithdrawn.v1' WHERE sequence = " + sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(sourceType(sequence)).isEqualTo("MemberActivated.v1");
    }

    @Test
    void P19_aDeleteAndATruncateThroughTheServicesOwnDatasourceAreRefused() throws SQLException {
        long sequence = anEntry();
        long signed = checkpoints.signHead().orElseThrow().sequence;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_entry WHERE sequence = " + sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_entry"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_checkpoint WHERE sequence = " + signed))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(sourceType(sequence)).isEqualTo("MemberActivated.v1");
    }

    @Test
    void P19_thePurgeSettingAllowsBlankingContentButNotChangingTheChain() throws SQLException {
        long sequence = anEntry();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL audit.purge = on");
                assertThatThrownBy(() -> s.executeUpdate(
                        "UPDATE audit_entry SET hash = repeat('0', 64) WHERE sequence = " + sequence))
                        .isInstanceOf(SQLException.class).hasMessageContaining("may only blank the content");
            } finally {
                c.rollback();
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL audit.purge = on");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_entry WHERE sequence = " + sequence))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void noApiChangesOrDeletesAnEntry() throws SQLException {
        long sequence = anEntry();
        for (String role : new String[]{"compliance", "privacy-officer", "ops"}) {
            String token = dev.privacy.platform.testing.DevTokens.staff(role);
            given().auth().oauth2(token).when().delete("/v1/audit/entries").then().statusCode(405);
            given().auth().oauth2(token).when().delete("/v1/audit/entries/" + sequence).then().statusCode(404);
            given().auth().oauth2(token).contentType("application/json").body("{}")
                    .when().put("/v1/audit/entries").then().statusCode(405);
            given().auth().oauth2(token).contentType("application/json").body("{}")
                    .when().post("/v1/audit/entries").then().statusCode(405);
        }
        assertThat(sourceType(sequence)).isEqualTo("MemberActivated.v1");
    }

    private String sourceType(long sequence) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT source_type FROM audit_entry WHERE sequence = " + sequence)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
