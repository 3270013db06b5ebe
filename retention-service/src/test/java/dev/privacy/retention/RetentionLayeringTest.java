package dev.privacy.retention;

import dev.privacy.platform.testing.ServiceLayeringTests;

/** The platform's layering rules (LayeringRules) over this service's production code. */
class RetentionLayeringTest extends ServiceLayeringTests {

    RetentionLayeringTest() {
        super("dev.privacy.retention");
    }
}
