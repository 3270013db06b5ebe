package dev.privacy.disclosure.service;

import dev.privacy.platform.runtime.problem.Problem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The member-service profile fields a disclosure may name (the names, never the values). */
public final class ProfileFields {

    public static final List<String> ALL = List.of("name", "loginId", "mobile", "email");

    private ProfileFields() {
    }

    /** Violations of a field list: missing, empty, unknown names or repeats. */
    public static List<Problem.Violation> violations(String property, List<String> fields) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (fields == null || fields.isEmpty()) {
            violations.add(new Problem.Violation(property, "must name at least one of " + String.join(", ", ALL)));
            return violations;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (f == null || !ALL.contains(f)) {
                violations.add(new Problem.Violation(property + "[" + i + "]", "is not a profile field; one of "
                        + String.join(", ", ALL)));
            } else if (!seen.add(f)) {
                violations.add(new Problem.Violation(property + "[" + i + "]", "is named twice"));
            }
        }
        return violations;
    }

    /** The fields in the canonical order, so equal sets are stored and compared alike. */
    public static List<String> canonical(java.util.Collection<String> fields) {
        return ALL.stream().filter(fields::contains).toList();
    }
}
