package dev.privacy.platform.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalFilesTest {

    @TempDir
    Path dir;

    @Test
    void stateFileIsPlainKeyValueLinesForTheShellScripts() throws Exception {
        Path file = dir.resolve(".run/state");
        new RunState().put("status", "ready").put("launcher.pid", 42).put("message", "line one\nline two")
                .put("services", "member-service, consent-service").save(file);

        assertThat(Files.readAllLines(file)).containsExactly(
                "status=ready", "launcher.pid=42", "message=line one | line two", "services=member-service, consent-service");
        RunState read = RunState.load(file);
        assertThat(read.getLong("launcher.pid")).isEqualTo(42);
        assertThat(read.list("services")).containsExactly("member-service", "consent-service");
        assertThat(RunState.load(dir.resolve("absent")).isEmpty()).isTrue();
    }

    @Test
    void localSecretsAreGeneratedOnceAndKept() throws Exception {
        Path file = dir.resolve(".data/local-secrets.env");
        LocalSecrets first = LocalSecrets.loadOrCreate(file);
        assertThat(first.forService("member-service")).containsKeys("MEMBER_KEK", "MEMBER_LOOKUP_KEY");
        assertThat(first.forService("member-service").get("MEMBER_KEK")).startsWith("base64:").hasSize(7 + 44);
        assertThat(first.forService("consent-service")).doesNotContainKey("MEMBER_KEK");

        Files.writeString(file, Files.readString(file) + "EXTRA_FOR_ALL=1\nconsent-service:ONLY_CONSENT=2\n");
        LocalSecrets second = LocalSecrets.loadOrCreate(file);
        assertThat(second.forService("member-service").get("MEMBER_KEK")).isEqualTo(first.forService("member-service").get("MEMBER_KEK"));
        assertThat(second.forService("consent-service")).containsEntry("EXTRA_FOR_ALL", "1").containsEntry("ONLY_CONSENT", "2");
        assertThat(second.common()).containsOnlyKeys("EXTRA_FOR_ALL");
    }

    @Test
    void aDeadOrReusedPidIsNotOurs() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElseThrow().toEpochMilli();
        assertThat(LocalProcesses.isOurs(self.pid(), started)).isTrue();
        assertThat(LocalProcesses.isOurs(self.pid(), started - 60_000)).isFalse();
        assertThat(LocalProcesses.isOurs(-1, started)).isFalse();
    }
}
