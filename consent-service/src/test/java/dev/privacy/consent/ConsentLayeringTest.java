package dev.privacy.consent;

import dev.privacy.platform.testing.ServiceLayeringTests;

/** The platform's layering rules (LayeringRules) over this service's production code. */
class ConsentLayeringTest extends ServiceLayeringTests {

    ConsentLayeringTest() {
        super("dev.privacy.consent");
    }
}
