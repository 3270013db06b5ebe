package dev.privacy.member;

import dev.privacy.platform.testing.ServiceLayeringTests;

/** The platform's layering rules (LayeringRules) over this service's production code. */
class MemberLayeringTest extends ServiceLayeringTests {

    MemberLayeringTest() {
        super("dev.privacy.member");
    }
}
