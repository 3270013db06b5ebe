package dev.privacy.member.service;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import dev.privacy.member.domain.Profile;
import dev.privacy.platform.runtime.problem.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of the profile fields (P01) and their messages, written once: the request bodies bind
 * the constants to bean-validation annotations (sign-up, self-service change), and a correction's
 * values, which arrive as a map, are checked by {@link #check}. The rules bean validation cannot
 * express (the mobile number's forms, the password policy) are methods here.
 */
public final class FieldRules {

    public static final int NAME_MAX_LENGTH = 100;
    public static final String NAME_MESSAGE = "must be 1 to " + NAME_MAX_LENGTH + " characters";

    public static final String LOGIN_ID_PATTERN = "^[A-Za-z][A-Za-z0-9._-]{3,31}$";
    public static final String LOGIN_ID_MESSAGE =
            "must be 4 to 32 characters: a letter, then letters, digits, '.', '_' or '-'";

    /** As typed, before normalising to E.164 (separators allowed). */
    public static final int MOBILE_MAX_LENGTH = 32;
    public static final String MOBILE_MESSAGE = "must be an E.164 number or a Korean mobile number";

    public static final int EMAIL_MAX_LENGTH = 254;
    /** Something@domain.tld; Hibernate's @Email alone accepts "a@b". */
    public static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    public static final String EMAIL_MESSAGE = "must be a well-formed email address";

    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 128;

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");
    /** Korean mobile numbers in local form: 010, 011, 016, 017, 018, 019 and 7 or 8 digits. */
    private static final Pattern KOREAN_MOBILE = Pattern.compile("^01[016789][0-9]{7,8}$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");
    /** zxcvbn4j's estimator (its dictionaries of common passwords, names, words and keyboard patterns); thread-safe. */
    private static final Zxcvbn STRENGTH = new Zxcvbn();

    private FieldRules() {
    }

    /** The mobile number in E.164 (a Korean local number gets +82), or empty if it is not one. */
    public static Optional<String> normaliseMobile(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (E164.matcher(compact).matches()) {
            return Optional.of(compact);
        }
        if (KOREAN_MOBILE.matcher(compact).matches()) {
            return Optional.of("+82" + compact.substring(1));
        }
        return Optional.empty();
    }

    /** A violation at {@code path} when {@code raw} is given but is not a mobile number (see {@link #normaliseMobile}). */
    public static Optional<Problem.Violation> mobileViolation(String path, String raw) {
        return raw != null && normaliseMobile(raw).isEmpty()
                ? Optional.of(new Problem.Violation(path, MOBILE_MESSAGE))
                : Optional.empty();
    }

    /** A profile field's value checked on its own: the value to store, or the rule it breaks (then {@code value} is unusable). */
    public record Checked(String value, String violation) {
        @Override
        public String toString() {
            return "Checked[" + (violation == null ? "valid" : violation) + "]";
        }
    }

    /**
     * Checks the value of one profile field as a whole, for values that come without bean
     * validation (a correction's {@code changes}): stripped; a mobile number normalised to E.164.
     */
    public static Checked check(String field, String raw) {
        String value = raw == null ? null : raw.strip();
        return switch (field) {
            case Profile.NAME -> new Checked(value,
                    value == null || value.isEmpty() || value.length() > NAME_MAX_LENGTH ? NAME_MESSAGE : null);
            case Profile.LOGIN_ID -> new Checked(value,
                    value == null || !value.matches(LOGIN_ID_PATTERN) ? LOGIN_ID_MESSAGE : null);
            case Profile.MOBILE -> {
                String mobile = normaliseMobile(value).orElse(null);
                yield new Checked(mobile, mobile == null ? MOBILE_MESSAGE : null);
            }
            case Profile.EMAIL -> new Checked(value,
                    value == null || value.length() > EMAIL_MAX_LENGTH || !value.matches(EMAIL_PATTERN) ? EMAIL_MESSAGE : null);
            default -> new Checked(null, "is not a correctable field");
        };
    }

    /**
     * Violations of the password policy: length, not the login ID or e-mail, and a strength of at
     * least {@code minScore} on zxcvbn's scale of 0 to 4 (README "Password strength"), measured with
     * the login ID, the e-mail and its local part as words an attacker would try first.
     */
    public static List<Problem.Violation> passwordViolations(String password, String loginId, String email, int minScore) {
        if (password == null) {
            return List.of();
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return List.of(new Problem.Violation("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters"));
        }
        if ((loginId != null && password.equalsIgnoreCase(loginId.strip()))
                || (email != null && password.equalsIgnoreCase(email.strip()))) {
            return List.of(new Problem.Violation("password", "must not be the login ID or the e-mail address"));
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return List.of(); // bean validation names the length; zxcvbn is not run on unbounded input
        }
        List<String> userInputs = new ArrayList<>();
        if (loginId != null) {
            userInputs.add(loginId.strip());
        }
        if (email != null) {
            userInputs.add(email.strip());
            int at = email.indexOf('@');
            if (at > 0) {
                userInputs.add(email.substring(0, at).strip());
            }
        }
        Strength strength = STRENGTH.measure(password, userInputs);
        if (strength.getScore() < minScore) {
            String warning = strength.getFeedback() == null ? null : strength.getFeedback().getWarning();
            return List.of(new Problem.Violation("password", "is too easy to guess"
                    + (warning == null || warning.isBlank() ? "" : " (" + warning.strip() + ")") + "; choose another"));
        }
        return List.of();
    }
}
