package dev.privacy.member;

import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 item 5: PATCH of one's own e-mail answered 409 (registered to another member) or 200,
 * unthrottled — 60 probes in under a second, an e-mail oracle. Changes to another address are now
 * counted per member before the look-up (member.email-change.max-per-member, 10 per hour).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class EmailChangeThrottleTest {

    @Test
    void sixtyOneEmailProbesWithinTheWindowTheLastIsRefusedWith429Problem() {
        TestMembers.Member prober = TestMembers.newMember();
        TestMembers.Member victim = TestMembers.newMember();
        List<Integer> statuses = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 61; i++) {
            // alternately a registered address (409) and a free one (200): the oracle's two answers
            String email = i % 2 == 0 ? victim.loginId() + "@example.com" : "probe" + i + "-" + prober.loginId() + "@example.org";
            last = given().auth().oauth2(prober.token()).contentType(ContentType.JSON).body(Map.of("email", email))
                    .when().patch("/v1/members/" + prober.id());
            statuses.add(last.statusCode());
        }
        System.out.println("61 e-mail probes: " + statuses);
        assertThat(statuses.stream().filter(s -> s == 409 || s == 200).count())
                .as("probes answered with the oracle's 409/200, of %s", statuses).isLessThanOrEqualTo(10);
        last.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // another member is not slowed by the prober's count
        TestMembers.Member other = TestMembers.newMember();
        given().auth().oauth2(other.token()).contentType(ContentType.JSON)
                .body(Map.of("email", "new-" + other.loginId() + "@example.org"))
                .when().patch("/v1/members/" + other.id()).then().statusCode(200);
        // and a change of the name alone is not counted
        given().auth().oauth2(prober.token()).contentType(ContentType.JSON).body(Map.of("name", "Park Jiwoo"))
                .when().patch("/v1/members/" + prober.id()).then().statusCode(200);
    }
}
