package dev.privacy.auditlog.platform;

import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled job runs with a request context but without an HTTP request: whoever acts there is the
 * service itself. (It used to fail, as HttpServerRequest cannot be produced outside a request.)
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class CurrentActorOutsideRequestsTest {

    @Inject
    CurrentActor currentActor;

    @Test
    void inARequestContextWithoutAnHttpRequestTheActorIsTheServiceItself() {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            CurrentActor.Actor actor = currentActor.get();
            assertThat(actor.id()).isEqualTo("audit-log-service");
            assertThat(actor.role()).isEqualTo(ActorRole.SERVICE);
            assertThat(actor.ip()).isNull();
        } finally {
            requestContext.terminate();
        }
    }
}
