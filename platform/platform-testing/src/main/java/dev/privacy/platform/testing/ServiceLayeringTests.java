package dev.privacy.platform.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link LayeringRules} for one service, as plain (fast, no Quarkus) tests: a service's
 * {@code *LayeringTest} extends this and names its root package. Each rule is its own test, so a
 * failure names the rule and lists every offending dependency or injection cycle. The classes are
 * imported once per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceLayeringTests {

    private final String rootPackage;
    private final JavaClasses classes;

    protected ServiceLayeringTests(String rootPackage) {
        if (!LayeringRules.SERVICE_PACKAGES.contains(rootPackage)) {
            throw new IllegalArgumentException(rootPackage + " is not one of " + LayeringRules.SERVICE_PACKAGES);
        }
        this.rootPackage = rootPackage;
        this.classes = LayeringRules.importMainClasses(rootPackage);
    }

    @Test
    void domainDependsOnNeitherServiceNorAdapters() {
        LayeringRules.domainIsInnermost(rootPackage).check(classes);
    }

    @Test
    void serviceLayerDependsOnNeitherRestNorMessaging() {
        LayeringRules.serviceLayerDoesNotReachOut(rootPackage).check(classes);
    }

    @Test
    void noCodeOfAnotherService() {
        LayeringRules.noOtherServiceCode(rootPackage,
                LayeringRules.SERVICE_PACKAGES.stream().filter(p -> !p.equals(rootPackage)).toList()).check(classes);
    }

    @Test
    void beansDoNotInjectEachOtherInACycle() {
        LayeringRules.noBeanInjectionCycles(rootPackage).check(classes);
    }
}
