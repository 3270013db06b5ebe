package dev.privacy.retention;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periods the service serves (from its policy file) against the periods written in the
 * privacy policy itself and in PROMISES.md (P19): the expected values are read from those texts
 * (the repository's docs/policy), not from the service's own data.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "retention"))
class RetentionPolicyTest {

    @Test
    void P07_P17_P18_P19_periodsServedAreThoseWrittenInThePrivacyPolicy() throws IOException {
        Map<DataCategory, String> written = periodsWrittenInThePolicy();
        assertThat(written).hasSize(9);

        JsonPath served = given().when().get("/v1/retention/policy").then().statusCode(200).extract().jsonPath();
        written.forEach((category, period) -> assertThat(served.getString(
                "categories.find { it.category == '" + category + "' }.period"))
                .as("period of %s", category).isEqualTo(period));
        assertThat(served.getList("categories.category")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(DataCategory.values()).map(Enum::name).toList());
        assertThat(served.getString("categories.find { it.category == 'SERVICE_LOGS' }.clock")).isEqualTo("ROLLING_WINDOW");
        assertThat(served.getString("categories.find { it.category == 'PAYMENT_RECORDS' }.startsOn")).isEqualTo("ServiceApplied");
    }

    @Test
    void P07_recordsOfProcessingAreGeneratedFromThePolicyWithPurposesBasesAndRecipients() {
        JsonPath rop = given().when().get("/v1/retention/records-of-processing").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> activities = rop.getList("activities");
        assertThat(activities).hasSize(DataCategory.values().length);
        assertThat(activities).allSatisfy(a -> {
            assertThat((List<?>) a.get("purposes")).isNotEmpty();
            assertThat((String) a.get("legalBasis")).isNotBlank();
            assertThat((String) a.get("citation")).isNotBlank();
            assertThat(a).containsKeys("recipients", "retentionPeriod", "heldBy", "destruction");
        });
        assertThat(rop.getString("activities.find { it.category == 'MEMBER_PROFILE' }.retentionPeriod")).isEqualTo("P10Y");
        assertThat(rop.getString("activities.find { it.category == 'LIVE_PROFILE' }.retentionPeriod"))
                .isEqualTo("destroyed without delay (P0D)");
        assertThat(rop.getString("policyVersion")).isNotBlank();
    }

    /** Reads the periods out of privacy-policy.txt (P07) and PROMISES.md (P19). */
    private static Map<DataCategory, String> periodsWrittenInThePolicy() throws IOException {
        String policy = resource("policy/privacy-policy.txt");
        String promises = resource("policy/PROMISES.md");
        Map<DataCategory, String> periods = new LinkedHashMap<>();
        periods.put(DataCategory.MEMBER_PROFILE, period(policy, "kept for (\\d+) (years|months) from the date of termination"));
        periods.put(DataCategory.CONTRACT_RECORDS, period(policy, "Records of contract or withdrawal[\\s\\S]*?Retention period: (\\d+) (years|months)"));
        periods.put(DataCategory.PAYMENT_RECORDS, period(policy, "Records of payment and supply[\\s\\S]*?Retention period: (\\d+) (years|months)"));
        periods.put(DataCategory.COMPLAINT_RECORDS, period(policy, "Records of consumer complaints[\\s\\S]*?Retention period: (\\d+) (years|months)"));
        periods.put(DataCategory.SERVICE_LOGS, period(policy, "Log records\\s+Reason for preservation: Communication Secret Protection Act\\s+Retention period: (\\d+) (years|months)"));
        periods.put(DataCategory.STAFF_ACCESS_RECORDS, period(promises, "\\| P19 \\|[^\\n]*kept (\\d+) (years|months)"));
        // "destroyed without delay" once the purpose is achieved: no retention exception (P06)
        assertThat(policy).contains("the information is destroyed without delay");
        for (DataCategory noException : List.of(DataCategory.LIVE_PROFILE, DataCategory.MARKETING_DATA,
                DataCategory.COOKIE_PREFERENCES)) {
            periods.put(noException, "P0D");
        }
        return periods;
    }

    private static String period(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("the policy text states %s", regex).isTrue();
        return "P" + m.group(1) + (m.group(2).startsWith("year") ? "Y" : "M");
    }

    /** The repository's copy of the policy (docs/, kept equal to the shared one by PolicyDocumentsInSyncTest). */
    private static String resource(String name) throws IOException {
        java.nio.file.Path file = java.nio.file.Path.of("..", "docs").resolve(name);
        assertThat(file).as(name).exists();
        return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
    }
}
