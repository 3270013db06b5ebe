package dev.privacy.retention.config;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.retention.domain.RetentionPolicy;
import dev.privacy.retention.domain.StartEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy loader as a plain unit test: the shipped file loads, a broken one is refused naming line and entry. */
class RetentionPolicyLoaderTest {

    private static final String FILE = "retention-policy.yaml";

    @Test
    void theShippedPolicyFileHasARuleForEveryDataCategory() {
        RetentionPolicy policy = RetentionPolicyLoader.fromClasspath(FILE);

        assertThat(policy.rules()).extracting(r -> r.category()).containsExactlyInAnyOrder(DataCategory.values());
        assertThat(policy.rule(DataCategory.MEMBER_PROFILE).period()).isEqualTo(Period.ofYears(10));
        assertThat(policy.rule(DataCategory.SERVICE_LOGS).startsOn()).isEqualTo(StartEvent.ACCESS_RECORDED);
        assertThat(policy.rules()).allSatisfy(r -> {
            assertThat(r.legalBasis()).isNotBlank();
            assertThat(r.citation()).isNotBlank();
            assertThat(r.purposes()).isNotEmpty();
        });
    }

    @Test
    void aPeriodThatIsNotIso8601IsRefusedNamingTheLineAndTheEntry() throws IOException {
        String text = shipped();
        int line = lineOf(text, "- category: CONTRACT_RECORDS");
        String broken = text.replaceFirst("(category: CONTRACT_RECORDS[\\s\\S]*?period: )P5Y", "$1P5X");

        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining("line " + line)
                .hasMessageContaining("entry CONTRACT_RECORDS")
                .hasMessageContaining("'P5X'");
    }

    @Test
    void anUnknownCategoryIsRefusedNamingTheEntry() throws IOException {
        String text = shipped();
        int line = lineOf(text, "- category: COMPLAINT_RECORDS");
        String broken = text.replace("category: COMPLAINT_RECORDS", "category: COMPLAINTS");

        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining("line " + line)
                .hasMessageContaining("entry COMPLAINTS")
                .hasMessageContaining("category 'COMPLAINTS' is not one of");
    }

    @Test
    void anUnknownOwnerStartEventOrMissingLegalBasisIsRefused() throws IOException {
        String text = shipped();
        assertThatThrownBy(() -> parse(text.replaceFirst("owner: consent-service", "owner: marketing-service")))
                .hasMessageContaining("entry CONSENT_RECORDS").hasMessageContaining("marketing-service");
        assertThatThrownBy(() -> parse(text.replaceFirst("startsOn: ComplaintResolved", "startsOn: ComplaintFiled")))
                .hasMessageContaining("entry COMPLAINT_RECORDS").hasMessageContaining("ComplaintFiled");
        assertThatThrownBy(() -> parse(text.replaceFirst("    legalBasis: INTERNAL_POLICY_FRAUD_PREVENTION\n", "")))
                .hasMessageContaining("entry MEMBER_PROFILE").hasMessageContaining("legalBasis is missing");
    }

    @Test
    void aMisspelledKeyIsRefusedNamingTheLineOfItsEntry() throws IOException {
        String text = shipped();
        int line = lineOf(text, "- category: SERVICE_LOGS");
        String broken = text.replaceFirst("    period: P3M", "    periode: P3M");

        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining("line " + line)
                .hasMessageContaining("entry SERVICE_LOGS")
                .hasMessageContaining("unknown key 'periode'");
    }

    @Test
    void aCategoryLeftOutOrRepeatedIsRefused() throws IOException {
        String text = shipped();
        int start = text.indexOf("  - category: DISCLOSURE_RECORDS");
        assertThatThrownBy(() -> parse(text.substring(0, start)))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining("DISCLOSURE_RECORDS");
        String repeated = text + "\n" + text.substring(start);
        assertThatThrownBy(() -> parse(repeated))
                .hasMessageContaining("entry DISCLOSURE_RECORDS").hasMessageContaining("appears twice");
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() throws IOException {
        String text = shipped();
        String broken = text.replaceFirst("purposes: \\[CONTRACT_AND_BILLING\\]", "purposes: [CONTRACT_AND_BILLING");
        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageMatching("(?s)Retention policy test-policy.yaml, line \\d+.*");
    }

    private static RetentionPolicy parse(String text) {
        return RetentionPolicyLoader.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "test-policy.yaml");
    }

    private static String shipped() throws IOException {
        try (InputStream in = RetentionPolicyLoaderTest.class.getClassLoader().getResourceAsStream(FILE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** 1-based line of the first line containing {@code fragment}, or -1. */
    private static int lineOf(String text, String fragment) {
        List<String> lines = Arrays.asList(text.split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        return -1;
    }
}
