package dev.privacy.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's state file ({@code deploy/local/.run/state}): plain {@code key=value} lines, no
 * escaping, so that the shell scripts can read it with sed. Written atomically.
 *
 * <p>Keys: {@code status} (starting, ready, failed, stopping, stopped), {@code step}, {@code message},
 * {@code launcher.pid}, {@code postgres.*}, {@code kafka.*}, {@code services} (comma-separated) and
 * {@code service.<name>.*}; every owned process has {@code .pid} and {@code .started} (epoch millis of
 * its start, so that a reused pid is never mistaken for ours).
 */
final class RunState {

    private final Map<String, String> values = new LinkedHashMap<>();

    static RunState load(Path file) {
        RunState state = new RunState();
        if (!Files.isRegularFile(file)) {
            return state;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    state.values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return state;
    }

    synchronized void save(Path file) {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    synchronized RunState put(String key, Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value.toString().replaceAll("[\\r\\n]+", " | "));
        }
        return this;
    }

    synchronized String get(String key) {
        return values.get(key);
    }

    synchronized String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    synchronized long getLong(String key) {
        String value = values.get(key);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    synchronized boolean isEmpty() {
        return values.isEmpty();
    }

    synchronized List<String> list(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
