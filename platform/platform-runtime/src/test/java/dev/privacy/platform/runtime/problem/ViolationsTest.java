package dev.privacy.platform.runtime.problem;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ViolationsTest {

    @Test
    void noViolationsNoProblem() {
        Violations.refuseIfAny(List.of());
    }

    @Test
    void everyViolationIsNamedSortedByFieldThenMessage() {
        List<Problem.Violation> found = List.of(new Problem.Violation("mobile", "b"), new Problem.Violation("email", "x"),
                new Problem.Violation("mobile", "a"));
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> Violations.refuseIfAny(found));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo("Some fields are not valid");
        assertThat(refused.violations()).containsExactly(new Problem.Violation("email", "x"),
                new Problem.Violation("mobile", "a"), new Problem.Violation("mobile", "b"));
    }
}
