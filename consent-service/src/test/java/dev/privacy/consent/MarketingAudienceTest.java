package dev.privacy.consent;

import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
class MarketingAudienceTest {

    @Inject
    DataSource dataSource;

    @Test
    void P05_aMemberWhoWithdrewTheMarketingConsentIsNotReturnedRightAfterTheWithdrawal() {
        UUID stays = ConsentTests.registeredMember(false);
        UUID leaves = ConsentTests.registeredMember(false);
        UUID neverConsented = ConsentTests.registeredMember(false);
        ConsentTests.grant(stays, "MARKETING").statusCode(201);
        ConsentTests.grant(leaves, "MARKETING").statusCode(201);
        assertThat(audience(ConsentTests.SERVICE)).contains(stays, leaves).doesNotContain(neverConsented);

        ConsentTests.withdraw(leaves, "MARKETING").statusCode(200);
        // the very next query, no waiting: the withdrawal committed before its answer
        assertThat(audience(ConsentTests.SERVICE)).contains(stays).doesNotContain(leaves, neverConsented);
    }

    @Test
    void P05_aMemberWhoWithdrewTheMembershipIsNotReturnedOnceTheEventIsHandled() {
        UUID memberId = ConsentTests.registeredMember(false);
        ConsentTests.grant(memberId, "MARKETING").statusCode(201);
        assertThat(audience(ConsentTests.OFFICER)).contains(memberId);

        ConsentTests.withdrawMembership(dataSource, memberId);
        assertThat(audience(ConsentTests.OFFICER)).doesNotContain(memberId);
    }

    @Test
    void theAudienceIsCursorPagedAndRefusesBadPagingAndMembers() {
        for (int i = 0; i < 3; i++) {
            ConsentTests.grant(ConsentTests.registeredMember(false), "MARKETING").statusCode(201);
        }
        var first = given().auth().oauth2(ConsentTests.SERVICE).when().get("/v1/audiences/marketing?limit=2")
                .then().statusCode(200).extract();
        List<String> page = first.path("memberIds");
        String cursor = first.path("nextCursor");
        assertThat(page).hasSize(2);
        assertThat(cursor).isNotBlank();
        List<String> next = given().auth().oauth2(ConsentTests.SERVICE).when()
                .get("/v1/audiences/marketing?limit=2&cursor=" + cursor).then().statusCode(200).extract().path("memberIds");
        assertThat(next).isNotEmpty().doesNotContainAnyElementsOf(page);
        assertThat(next.get(0)).isGreaterThan(page.get(1)); // PostgreSQL orders UUIDs as their text does

        given().auth().oauth2(ConsentTests.SERVICE).when().get("/v1/audiences/marketing?limit=0")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("limit"));
        given().auth().oauth2(ConsentTests.SERVICE).when().get("/v1/audiences/marketing?limit=ten")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ConsentTests.SERVICE).queryParam("cursor", "not-a-cursor!").when().get("/v1/audiences/marketing")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("cursor"));
        given().auth().oauth2(DevTokens.member(UUID.randomUUID())).when().get("/v1/audiences/marketing")
                .then().statusCode(403).contentType("application/problem+json");
    }

    /** Every page of the audience. */
    private static List<UUID> audience(String token) {
        List<UUID> all = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            var response = given().auth().oauth2(token).queryParam("limit", 200)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/v1/audiences/marketing").then().statusCode(200).extract();
            List<String> ids = response.path("memberIds");
            ids.forEach(id -> all.add(UUID.fromString(id)));
            cursor = response.path("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("the audience did not end within 1000 pages");
    }
}
