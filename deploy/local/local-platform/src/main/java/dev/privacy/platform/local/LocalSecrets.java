package dev.privacy.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets the packaged services demand in the prod profile, generated once per machine into
 * {@code deploy/local/.data/local-secrets.env} and kept with the local data (the data is only
 * readable with them). Lines are {@code KEY=VALUE} (passed to every service) or
 * {@code service-name:KEY=VALUE} (passed to that service only); a developer may add more.
 */
final class LocalSecrets {

    /** Generated if absent: service, variable. Both are "base64:" + 32 random bytes. */
    private static final List<String[]> GENERATED = List.of(
            new String[] {"member-service", "MEMBER_KEK"},
            new String[] {"member-service", "MEMBER_LOOKUP_KEY"});

    private final Map<String, String> common = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> perService = new LinkedHashMap<>();

    /** Reads the file, adding any generated secret that is missing. */
    static LocalSecrets loadOrCreate(Path file) {
        LocalSecrets secrets = new LocalSecrets();
        List<String> lines = new ArrayList<>();
        try {
            if (Files.isRegularFile(file)) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            } else {
                lines.add("# Secrets of the local platform, generated on first start and kept with the local data in .data/.");
                lines.add("# KEY=VALUE goes to every service, service-name:KEY=VALUE to that service only.");
                lines.add("# Deleting this file while keeping the data makes member-service unable to read the personal data.");
            }
            for (String line : lines) {
                secrets.parse(line);
            }
            boolean added = false;
            SecureRandom random = new SecureRandom();
            for (String[] generated : GENERATED) {
                if (secrets.forService(generated[0]).containsKey(generated[1])) {
                    continue;
                }
                byte[] key = new byte[32];
                random.nextBytes(key);
                String line = generated[0] + ":" + generated[1] + "=base64:" + Base64.getEncoder().encodeToString(key);
                lines.add(line);
                secrets.parse(line);
                added = true;
            }
            if (added) {
                Files.createDirectories(file.getParent());
                Files.write(file, lines, StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
        return secrets;
    }

    Map<String, String> common() {
        return common;
    }

    /** The variables one service gets: the common ones, then its own. */
    Map<String, String> forService(String service) {
        Map<String, String> all = new LinkedHashMap<>(common);
        all.putAll(perService.getOrDefault(service, Map.of()));
        return all;
    }

    Map<String, Map<String, String>> perService() {
        return perService;
    }

    private void parse(String raw) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        int colon = key.indexOf(':');
        if (colon > 0) {
            perService.computeIfAbsent(key.substring(0, colon), s -> new LinkedHashMap<>()).put(key.substring(colon + 1), value);
        } else {
            common.put(key, value);
        }
    }
}
