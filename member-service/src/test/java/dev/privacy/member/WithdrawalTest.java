package dev.privacy.member;

import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.events.member.MemberSeparated;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class WithdrawalTest {

    @Inject
    DataSource dataSource;

    @Test
    void P06_P08_P11_withdrawalEndsLoginRemovesTheLiveProfileAndMovesRetainedDataToTheSeparatedStore() throws SQLException {
        TestMembers.Member m = TestMembers.newMember();
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            given().auth().oauth2(m.token()).when().delete("/v1/members/" + m.id()).then().statusCode(204);

            given().auth().oauth2(m.token()).when().get("/v1/members/" + m.id()).then().statusCode(404);
            given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                    .when().patch("/v1/members/" + m.id()).then().statusCode(404);
            given().contentType(ContentType.JSON).body(Map.of("loginId", m.loginId(), "password", TestMembers.PASSWORD))
                    .when().post("/v1/sessions").then().statusCode(401);

            var records = probe.pollUntil(r -> !TestMembers.ofType(r, DataDestroyed.class, m.id()).isEmpty()
                    && !TestMembers.ofType(r, MemberSeparated.class, m.id()).isEmpty()
                    && !TestMembers.ofType(r, MemberWithdrawn.class, m.id()).isEmpty(), Duration.ofSeconds(20));
            assertThat(TestMembers.ofType(records, MemberWithdrawn.class, m.id())).hasSize(1);
            var separated = TestMembers.json(TestMembers.ofType(records, MemberSeparated.class, m.id()).get(0));
            assertThat(separated.path("categories").toString()).contains("MEMBER_PROFILE").contains("CONTRACT_RECORDS");
            var destroyed = TestMembers.json(TestMembers.ofType(records, DataDestroyed.class, m.id()).get(0));
            assertThat(destroyed.path("category").asText()).isEqualTo("LIVE_PROFILE");
        }
        assertThat(count("SELECT count(*) FROM member WHERE id = ?", m.id())).isZero();
        assertThat(count("SELECT count(*) FROM separated.member_profile WHERE member_id = ?", m.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM separated.contract_record WHERE member_id = ?", m.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM member_data_key WHERE member_id = ?", m.id())).isEqualTo(1);
    }

    @Test
    void P08_theSeparatedStoreBelongsToItsOwnRoleAndOtherRolesCannotReadIt() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            ResultSet owner = s.executeQuery("SELECT tableowner FROM pg_tables WHERE schemaname = 'separated' ORDER BY tablename");
            List<String> owners = new ArrayList<>();
            while (owner.next()) {
                owners.add(owner.getString(1));
            }
            assertThat(owners).containsOnly("member_separated").hasSize(4);
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'member_app_probe') "
                    + "THEN CREATE ROLE member_app_probe NOLOGIN; END IF; END $$");
            c.setAutoCommit(false);
            try {
                s.execute("GRANT SELECT ON member TO member_app_probe");
                s.execute("SET LOCAL ROLE member_app_probe");
                s.executeQuery("SELECT count(*) FROM member").close();
                assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM separated.member_profile"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void P08_signingUpAgainWithAWithdrawnMembersIdentifiersIsFlaggedForReviewNotRefusedAndTheCheckIsLogged() throws SQLException {
        TestMembers.Member old = TestMembers.newMember();
        given().auth().oauth2(old.token()).when().delete("/v1/members/" + old.id()).then().statusCode(204);
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            UUID again = TestMembers.signUp(old.loginId(), true);
            assertThat(flag(again)).isTrue();
            var records = probe.pollUntil(r -> TestMembers.ofType(r, AccessRecorded.class, old.id()).stream()
                    .anyMatch(x -> "FRAUD_PREVENTION".equals(TestMembers.json(x).path("purpose").asText())), Duration.ofSeconds(20));
            assertThat(TestMembers.ofType(records, AccessRecorded.class, old.id()))
                    .anyMatch(x -> "FRAUD_PREVENTION".equals(TestMembers.json(x).path("purpose").asText()));
        }
        UUID fresh = TestMembers.signUp(TestMembers.uniqueLoginId(), true);
        assertThat(flag(fresh)).isFalse();
    }

    private boolean flag(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT fraud_review FROM member WHERE id = ?")) {
            p.setObject(1, id);
            ResultSet rs = p.executeQuery();
            assertThat(rs.next()).isTrue();
            return rs.getBoolean(1);
        }
    }

    private long count(String sql, UUID id) throws SQLException {
        return TestMembers.count(dataSource, sql, id);
    }
}
