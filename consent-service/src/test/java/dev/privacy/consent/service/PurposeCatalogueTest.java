package dev.privacy.consent.service;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.Purpose;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy file is the source of the purposes; one that contradicts the platform's Purpose stops the start. */
class PurposeCatalogueTest {

    private static final List<PurposeCatalogue.NoticeText> NOTICE =
            List.of(new PurposeCatalogue.NoticeText("1", LocalDate.of(2024, 1, 1), "text"));

    @Test
    void P03_P05_theShippedPolicyFileListsTheRequiredAndOptionalPurposesOfThePolicy() {
        var entries = PurposeCatalogue.validated(PurposeCatalogue.read("policy/consent-purposes.json"));
        assertThat(entries.values().stream().filter(PurposeCatalogue.Entry::required).map(PurposeCatalogue.Entry::purpose))
                .containsExactlyInAnyOrder(Purpose.CONTRACT_AND_BILLING, Purpose.MEMBER_MANAGEMENT);
        assertThat(entries.values().stream().filter(e -> !e.required()).map(PurposeCatalogue.Entry::purpose))
                .containsExactlyInAnyOrder(Purpose.MARKETING, Purpose.COOKIE_TARGETING, Purpose.THIRD_PARTY_PROVISION);
    }

    @Test
    void anOptionalPurposeMarkedRequiredIsRefused() {
        var file = new PurposeCatalogue.PolicyFile("LEJE", List.of(new PurposeCatalogue.Entry(Purpose.MARKETING, true,
                false, "Marketing", List.of(DataCategory.MARKETING_DATA), NOTICE)));
        assertThatThrownBy(() -> PurposeCatalogue.validated(file)).hasMessageContaining("MARKETING is optional");
    }

    @Test
    void aPurposeWithoutANoticeOrListedTwiceOrPerRecipientWronglyIsRefused() {
        var noNotice = new PurposeCatalogue.Entry(Purpose.MARKETING, false, false, "M", List.of(DataCategory.MARKETING_DATA),
                List.of());
        var ok = new PurposeCatalogue.Entry(Purpose.MARKETING, false, false, "M", List.of(DataCategory.MARKETING_DATA), NOTICE);
        var perRecipient = new PurposeCatalogue.Entry(Purpose.MARKETING, false, true, "M",
                List.of(DataCategory.MARKETING_DATA), NOTICE);
        assertThatThrownBy(() -> PurposeCatalogue.validated(new PurposeCatalogue.PolicyFile("LEJE", List.of(noNotice))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PurposeCatalogue.validated(new PurposeCatalogue.PolicyFile("LEJE", List.of(ok, ok))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> PurposeCatalogue.validated(new PurposeCatalogue.PolicyFile("LEJE", List.of(perRecipient))))
                .hasMessageContaining("per recipient");
        assertThatThrownBy(() -> PurposeCatalogue.validated(new PurposeCatalogue.PolicyFile(" ", List.of(ok))))
                .hasMessageContaining("controller");
    }
}
