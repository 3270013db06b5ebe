package dev.privacy.platform.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The policy and its promises are part of the repository (docs/policy), so a user has what the
 * platform enforces without the steering folder. Where that folder is beside the checkout (on the
 * team's machines and in CI) the copy must equal it; elsewhere the copy is what there is.
 */
class PolicyDocumentsInSyncTest {

    private static final Path REPOSITORY = RepositoryRoot.find();

    @Test
    void theRepositoryCarriesThePolicyAndItsPromises() throws IOException {
        assertThat(Files.readString(REPOSITORY.resolve("docs/policy/privacy-policy.txt")))
                .contains("retention", "third party");
        assertThat(Files.readString(REPOSITORY.resolve("docs/policy/PROMISES.md")))
                .contains("| P01 |", "| P21 |");
    }

    @Test
    void theCopyEqualsTheSharedPolicyWhereItIsBesideTheCheckout() throws IOException {
        Path shared = REPOSITORY.resolveSibling("shared").resolve("policy");
        assumeTrue(Files.isDirectory(shared), "no shared/ folder beside the checkout");
        for (String file : new String[]{"privacy-policy.txt", "PROMISES.md"}) {
            assertThat(Files.readString(REPOSITORY.resolve("docs/policy").resolve(file)))
                    .as("docs/policy/%s equals shared/policy/%s (copy it over when the policy changes)", file, file)
                    .isEqualTo(Files.readString(shared.resolve(file)));
        }
    }
}
