package dev.privacy.disclosure;

import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.ServiceBaselineTests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class DisclosureServiceBaselineTest extends ServiceBaselineTests {
}
