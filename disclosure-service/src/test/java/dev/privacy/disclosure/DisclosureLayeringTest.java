package dev.privacy.disclosure;

import dev.privacy.platform.testing.ServiceLayeringTests;

/** The platform's layering rules (LayeringRules) over this service's production code. */
class DisclosureLayeringTest extends ServiceLayeringTests {

    DisclosureLayeringTest() {
        super("dev.privacy.disclosure");
    }
}
