package dev.privacy.platform.runtime.clock;

import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;

/** Ops-only control of the service clock, refused unless {@code privacy.clock.adjustable} (never in prod). */
@Path("/v1/ops/clock")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
@Tag(name = "ops")
public class ClockResource {

    @Inject
    AdjustableClock clock;

    @Inject
    PlatformConfig config;

    public record ClockView(Instant now, Duration offset, boolean adjustable) {
    }

    /** An ISO-8601 period ({@code P10Y}, {@code P3M}) or duration ({@code PT36H}). */
    public record Advance(@NotBlank String by) {
    }

    @GET
    @Operation(summary = "The service's current time and its offset from system time")
    public ClockView read() {
        return view();
    }

    @POST
    @Path("/advance")
    @Operation(summary = "Move the service clock forward (non-prod only)")
    public ClockView advance(@Valid Advance request) {
        if (request == null) { // a "null" body (found by HostileInputFuzz: it was a 500)
            throw dev.privacy.platform.runtime.problem.ProblemException.badRequest("A request body is required");
        }
        requireAdjustable();
        try {
            if (request.by().toUpperCase().contains("T")) {
                clock.advance(Period.ZERO, Duration.parse(request.by()));
            } else {
                clock.advance(Period.parse(request.by()), Duration.ZERO);
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw ProblemException.badRequest("'by' must be a positive ISO-8601 period or duration such as P10Y or PT36H",
                    new Problem.Violation("by", "not a positive ISO-8601 period or duration"));
        }
        return view();
    }

    @DELETE
    @Operation(summary = "Return to system time (non-prod only)")
    public ClockView reset() {
        requireAdjustable();
        clock.reset();
        return view();
    }

    private void requireAdjustable() {
        if (!config.clock().adjustable()) {
            throw new ProblemException(409, "clock-fixed", "Clock is not adjustable",
                    "This profile does not allow moving the clock");
        }
    }

    private ClockView view() {
        return new ClockView(clock.instant(), clock.offset(), config.clock().adjustable());
    }
}
