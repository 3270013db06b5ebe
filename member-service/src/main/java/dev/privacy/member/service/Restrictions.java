package dev.privacy.member.service;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The restriction of fields under a pending correction (P13) and its refusals, in one place for
 * every reader of profile values: the profile view and change, the disclosure release, and the
 * lawful-disclosure read of the separated store. Which fields are restricted is the domain's
 * ({@code CorrectionRequest.restrictedFields}, or the separated store's {@code restricted_fields}).
 */
public final class Restrictions {

    private Restrictions() {
    }

    /** The restricted fields among {@code fields} (ordered as given). */
    public static Set<String> among(Collection<String> fields, Set<String> restricted) {
        Set<String> hit = new LinkedHashSet<>();
        for (String f : fields) {
            if (restricted.contains(f)) {
                hit.add(f);
            }
        }
        return hit;
    }

    /** 409 naming the restricted fields: they are neither used nor provided (P13). */
    public static void refuseUse(Set<String> blocked) {
        if (!blocked.isEmpty()) {
            throw new ProblemException(409, "fields-restricted", "Fields are restricted",
                    "A correction of " + String.join(", ", blocked) + " is pending: these fields are neither used "
                            + "nor provided until it is applied or rejected (P13)", violations(blocked), Map.of());
        }
    }

    /** 409 naming the restricted fields a self-service change tried to modify: the correction decides them. */
    public static void refuseChange(Set<String> blocked) {
        if (!blocked.isEmpty()) {
            throw new ProblemException(409, "fields-restricted", "Fields are restricted",
                    "A correction of these fields is pending; apply or reject it instead of modifying them",
                    violations(blocked), Map.of());
        }
    }

    private static List<Problem.Violation> violations(Collection<String> fields) {
        return fields.stream().map(f -> new Problem.Violation(f, "restricted while a correction is pending")).toList();
    }
}
