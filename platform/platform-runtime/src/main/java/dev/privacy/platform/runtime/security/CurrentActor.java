package dev.privacy.platform.runtime.security;

import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.problem.ProblemException;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is acting: the caller of the current request (from its verified JWT), or this service itself
 * when no request is active (an event consumer, a scheduled job).
 */
@ApplicationScoped
public class CurrentActor {

    private static final List<String> ROLE_PRECEDENCE =
            List.of(Roles.PRIVACY_OFFICER, Roles.COMPLIANCE, Roles.OPS, Roles.SERVICE, Roles.MEMBER);

    @Inject
    PlatformConfig config;

    public Actor get() {
        // A request context without an HTTP request (a @Scheduled job, an event handler) is this
        // service acting on its own: there is no caller, and HttpServerRequest cannot be produced.
        if (!Arc.container().requestContext().isActive() || currentHttpRequest() == null) {
            return new Actor(config.service(), ActorRole.SERVICE, null);
        }
        SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
        String ip = Optional.ofNullable(currentHttpRequest().request())
                .map(r -> r.remoteAddress() == null ? null : r.remoteAddress().hostAddress())
                .orElse(null);
        if (identity == null || identity.isAnonymous()) {
            return new Actor("anonymous", null, ip);
        }
        String role = ROLE_PRECEDENCE.stream().filter(identity::hasRole).findFirst().orElse(null);
        return new Actor(identity.getPrincipal().getName(), role == null ? null : toActorRole(role), ip);
    }

    /**
     * Lets a member reach only their own member ID; staff and <em>every</em> service pass. Answers
     * 404 rather than 403 to a member reaching for another's data, so member IDs cannot be probed.
     * Prefer {@link #requireSelfStaffOrService}, which names the services an endpoint is for.
     */
    public Actor requireSelfOrStaff(UUID memberId) {
        Actor actor = get();
        if (actor.role() == ActorRole.MEMBER && !memberId.toString().equals(actor.id())) {
            throw ProblemException.notFound("No member " + memberId + " is visible to you");
        }
        return actor;
    }

    /**
     * As {@link #requireSelfOrStaff}, but a service passes only when its token's subject (the
     * service name, {@code dev.privacy.platform.events.Services}) is one of {@code allowedServices};
     * any other service gets 403. With no service named, no service passes: a service identity gets
     * only what the design says it needs, endpoint by endpoint.
     */
    public Actor requireSelfStaffOrService(UUID memberId, String... allowedServices) {
        Actor actor = requireSelfOrStaff(memberId);
        if (actor.role() == ActorRole.SERVICE) {
            requireServiceAmong(actor, allowedServices);
        }
        return actor;
    }

    /**
     * The caller must be a service (role {@code service}) whose token subject is one of
     * {@code allowedServices}; anyone else gets 403.
     */
    public Actor requireService(String... allowedServices) {
        Actor actor = get();
        if (actor.role() != ActorRole.SERVICE) {
            throw ProblemException.forbidden("Only " + String.join(", ", allowedServices) + " may call this");
        }
        requireServiceAmong(actor, allowedServices);
        return actor;
    }

    private static void requireServiceAmong(Actor actor, String... allowedServices) {
        if (!List.of(allowedServices).contains(actor.id())) {
            throw ProblemException.forbidden(allowedServices.length == 0
                    ? "No service may call this"
                    : "Only " + String.join(", ", allowedServices) + " may call this");
        }
    }

    private static RoutingContext currentHttpRequest() {
        CurrentVertxRequest current = Arc.container().instance(CurrentVertxRequest.class).get();
        return current == null ? null : current.getCurrent();
    }

    private static ActorRole toActorRole(String role) {
        return switch (role) {
            case Roles.PRIVACY_OFFICER -> ActorRole.PRIVACY_OFFICER;
            case Roles.COMPLIANCE -> ActorRole.COMPLIANCE;
            case Roles.OPS -> ActorRole.OPS;
            case Roles.SERVICE -> ActorRole.SERVICE;
            default -> ActorRole.MEMBER;
        };
    }

    /** The acting principal: subject of the token (a member ID for members), its role, and its IP. */
    public record Actor(String id, ActorRole role, String ip) {

        public boolean isStaff() {
            return role == ActorRole.PRIVACY_OFFICER || role == ActorRole.COMPLIANCE || role == ActorRole.OPS;
        }
    }
}
