package dev.privacy.member.service;

import dev.privacy.platform.runtime.problem.Problem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of the sign-up and profile fields that bean validation cannot express alone. */
public final class FieldRules {

    public static final String LOGIN_ID_PATTERN = "^[A-Za-z][A-Za-z0-9._-]{3,31}$";
    /** Something@domain.tld; Hibernate's @Email alone accepts "a@b". */
    public static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    public static final int MIN_PASSWORD_LENGTH = 10;

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");
    /** Korean mobile numbers in local form: 010, 011, 016, 017, 018, 019 and 7 or 8 digits. */
    private static final Pattern KOREAN_MOBILE = Pattern.compile("^01[016789][0-9]{7,8}$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");
    private static final Set<String> COMMON_PASSWORDS = load("common-passwords.txt");

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

    /** Violations of the password policy (length, not the login ID or e-mail, not a common password). */
    public static List<Problem.Violation> passwordViolations(String password, String loginId, String email) {
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
        if (COMMON_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))) {
            return List.of(new Problem.Violation("password", "is too common; choose another"));
        }
        return List.of();
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = FieldRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT))
                    .forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
