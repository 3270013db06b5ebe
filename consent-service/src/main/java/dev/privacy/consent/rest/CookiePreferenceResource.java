package dev.privacy.consent.rest;

import dev.privacy.consent.service.CookiePreferenceService;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.CookieChoice;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.rest.RequestParams;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Cookie preferences (P16): allow all, confirm each, refuse all; for a member or an anonymous device
 * (a random ID the browser keeps), and the one question front-ends ask on every page: may I set
 * cookie category X for this visitor?
 */
@Path("/v1/cookie-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cookie-preferences")
public class CookiePreferenceResource {

    @Inject
    CookiePreferenceService cookies;

    @Inject
    CurrentActor actor;

    @Schema(name = "CookiePreferenceRequest")
    public record PreferenceRequest(
            @Schema(required = true) CookieChoice choice,
            @Schema(description = "CONFIRM_EACH: targeted-marketing cookies allowed") Boolean targeting,
            @Schema(description = "CONFIRM_EACH: visit-statistics cookies allowed") Boolean statistics) {
    }

    @PUT
    @Path("/members/{memberId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "Set the member's cookie preferences; emits CookiePreferencesChanged",
            description = "Allowing targeting grants the COOKIE_TARGETING consent, refusing it withdraws it (a receipt each).")
    public CookiePreferenceService.PreferenceView setForMember(@PathParam("memberId") UUID memberId, PreferenceRequest body) {
        var who = actor.requireSelfOrStaff(memberId);
        PreferenceRequest b = required(body);
        return cookies.setForMember(memberId, b.choice(), b.targeting(), b.statistics(),
                PurposeAndActor.acting(who, null, null));
    }

    @GET
    @Path("/members/{memberId}")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER, Roles.SERVICE})
    @Operation(summary = "The member's cookie preferences (own only for a member; an access record is written)")
    public CookiePreferenceService.PreferenceView ofMember(@PathParam("memberId") UUID memberId) {
        actor.requireSelfOrStaff(memberId);
        return cookies.ofMember(memberId);
    }

    @PUT
    @Path("/devices/{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(summary = "Set an anonymous device's cookie preferences; emits CookiePreferencesChanged")
    public CookiePreferenceService.PreferenceView setForDevice(@PathParam("deviceId") UUID deviceId, PreferenceRequest body) {
        PreferenceRequest b = required(body);
        return cookies.setForDevice(deviceId, b.choice(), b.targeting(), b.statistics());
    }

    @POST
    @Path("/{deviceId}/link")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "Link an anonymous device to the logged-in member",
            description = "A member without preferences takes the device's; otherwise the member's stay and the device follows them.")
    public CookiePreferenceService.PreferenceView link(@PathParam("deviceId") UUID deviceId) {
        CurrentActor.Actor who = actor.get();
        return cookies.link(deviceId, UUID.fromString(who.id()), PurposeAndActor.acting(who, null, null));
    }

    @GET
    @Path("/decision")
    @PermitAll
    @Operation(summary = "May I set cookie category X (ESSENTIAL, STATISTICS, TARGETING) for this member or device?",
            description = "Exactly one of member (the member's own token, or a service) and device. No preference means no "
                    + "for every category but ESSENTIAL.")
    public CookiePreferenceService.Decision decision(@QueryParam("member") String member,
                                                     @QueryParam("device") String device,
                                                     @QueryParam("category") String category) {
        UUID memberId = RequestParams.uuid("member", member,
                new RequestParams.Refusal("member is not a UUID", "not a UUID"));
        UUID deviceId = RequestParams.uuid("device", device,
                new RequestParams.Refusal("device is not a UUID", "not a UUID"));
        if ((memberId == null) == (deviceId == null)) {
            throw ProblemException.badRequest("Name exactly one of member and device",
                    new Problem.Violation(memberId == null ? "member" : "device", "exactly one of member and device"));
        }
        if (memberId != null) {
            CurrentActor.Actor who = actor.get();
            if (who.role() == null) {
                throw new UnauthorizedException();
            }
            if (who.role() != ActorRole.SERVICE) {
                actor.requireSelfOrStaff(memberId);
            }
            return cookies.decideForMember(memberId, category);
        }
        return cookies.decideForDevice(deviceId, category);
    }

    private static PreferenceRequest required(PreferenceRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("A request body is required");
        }
        return body;
    }
}
