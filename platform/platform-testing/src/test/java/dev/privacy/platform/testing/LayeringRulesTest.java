package dev.privacy.platform.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The layering rules see what they forbid: each runs against a fixture with one violation of its
 * kind ({@code layering.broken}) and must report exactly it, and against a fixture that keeps every
 * rule ({@code layering.clean}) and must pass. Without this a rule whose package pattern went
 * wrong would pass every service silently.
 */
class LayeringRulesTest {

    static final String CLEAN = "dev.privacy.platform.testing.layering.clean";
    static final String BROKEN = "dev.privacy.platform.testing.layering.broken";

    static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("dev.privacy.platform.testing.layering");

    @Test
    void aCleanServicePassesEveryRule() {
        for (ArchRule rule : List.of(LayeringRules.domainIsInnermost(CLEAN), LayeringRules.serviceLayerDoesNotReachOut(CLEAN),
                LayeringRules.noOtherServiceCode(CLEAN, List.of(BROKEN)), LayeringRules.noBeanInjectionCycles(CLEAN))) {
            rule.check(FIXTURES);
        }
    }

    @Test
    void aDomainClassUsingTheServiceLayerIsReported() {
        assertThat(violations(LayeringRules.domainIsInnermost(BROKEN)))
                .singleElement().asString()
                .contains(BROKEN + ".domain.Order").contains(BROKEN + ".service.Pricing");
    }

    @Test
    void aServiceClassUsingRestOrMessagingIsReported() {
        List<String> violations = violations(LayeringRules.serviceLayerDoesNotReachOut(BROKEN));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains(BROKEN + ".service.Pricing").contains(BROKEN + ".rest.Problems"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains(BROKEN + ".service.Notifier").contains(BROKEN + ".messaging.Outbound"));
        assertThat(violations).allSatisfy(v -> assertThat(v).containsAnyOf(".rest.Problems", ".messaging.Outbound"));
    }

    @Test
    void codeOfAnotherServiceIsReported() {
        List<String> violations = violations(LayeringRules.noOtherServiceCode(BROKEN, List.of(CLEAN)));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains(BROKEN + ".service.Billing.accounts")
                .contains(CLEAN + ".service.AccountService"));
        assertThat(violations).allSatisfy(v -> assertThat(v).contains(BROKEN + ".service.Billing").contains("<" + CLEAN + "."));
    }

    @Test
    void anInjectionCycleIsReportedWithItsPath() {
        assertThat(violations(LayeringRules.noBeanInjectionCycles(BROKEN)))
                .singleElement().asString()
                .contains("Invoices -> Ledger -> Reminders -> Invoices")
                .contains("Invoices injects Ledger (field ledger)")
                .contains("Ledger injects Reminders (constructor parameter 0 Instance)")
                .contains("Reminders injects Invoices (constructor parameter 0 Invoices)");
    }

    @Test
    void aRuleOverAPackageWithoutClassesFailsInsteadOfPassing() {
        assertThatThrownBy(() -> LayeringRules.domainIsInnermost("dev.privacy.platform.testing.layering.missing").check(FIXTURES))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> LayeringRules.noBeanInjectionCycles("dev.privacy.platform.testing.layering.missing").check(FIXTURES))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void everyServiceHasEveryRule() {
        for (String service : LayeringRules.SERVICE_PACKAGES) {
            assertThat(LayeringRules.forService(service)).hasSize(4);
        }
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertThat(result.hasViolation()).as("%s reports its fixture violation", rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }
}
