package dev.privacy.member.rest;

import dev.privacy.platform.events.Channel;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A correction request (P13): the profile fields that are wrong, and optionally a note. */
@Schema(name = "CorrectionRequest")
public record CorrectionRequestBody(
        @NotEmpty @Size(max = 4) @Schema(description = "Profile field names: name, loginId, mobile, email") List<String> fields,
        @Size(max = 2000) @Schema(description = "Free text; personal data, stored encrypted, never in events or logs") String note,
        @Schema(description = "How the request reached the privacy desk: WEB for a member (the default); WRITTEN, PHONE "
                + "or EMAIL when a privacy officer records a member's request; absent for the officer's own finding "
                + "(then no privacy-desk case is opened)") Channel channel) {

    @Override
    public String toString() {
        return "CorrectionRequestBody[redacted]";
    }
}
