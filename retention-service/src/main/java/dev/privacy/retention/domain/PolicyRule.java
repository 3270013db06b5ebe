package dev.privacy.retention.domain;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Purpose;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;

/** One entry of the retention policy file: a data category, who holds it, how long, and why. */
public record PolicyRule(
        DataCategory category,
        String description,
        String owner,
        Period period,
        StartEvent startsOn,
        String legalBasis,
        String citation,
        String policyText,
        DestructionMethod destruction,
        List<Purpose> purposes,
        List<String> recipients,
        int line) {

    /** The end of the period begun at {@code start}; calendar years and months counted in UTC. */
    public Instant expiresAt(Instant start) {
        return start.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }

    /** The start of the window still kept at {@code now}: records created before it are due (log categories). */
    public Instant windowStart(Instant now) {
        return now.atZone(ZoneOffset.UTC).minus(period).toInstant();
    }

    public boolean rollingWindow() {
        return startsOn.rollingWindow();
    }
}
