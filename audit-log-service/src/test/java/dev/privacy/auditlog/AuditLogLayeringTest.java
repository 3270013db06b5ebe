package dev.privacy.auditlog;

import dev.privacy.platform.testing.ServiceLayeringTests;

/** The platform's layering rules (LayeringRules) over this service's production code. */
class AuditLogLayeringTest extends ServiceLayeringTests {

    AuditLogLayeringTest() {
        super("dev.privacy.auditlog");
    }
}
