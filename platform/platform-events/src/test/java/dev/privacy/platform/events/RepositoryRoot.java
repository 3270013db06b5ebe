package dev.privacy.platform.events;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkout these document tests read: the nearest parent folder holding {@code docs/policy}. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/policy"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a parent folder with docs/policy").isNotNull();
        return dir;
    }
}
