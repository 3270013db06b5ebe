package dev.privacy.platform.testing.layering.broken.service;

import dev.privacy.platform.testing.layering.broken.domain.Order;
import dev.privacy.platform.testing.layering.broken.rest.Problems;

/** Fixture, violation: the service layer depends on a REST helper. */
public final class Pricing {

    private Pricing() {
    }

    public static long price(Order order) {
        if (order == null) {
            throw Problems.badRequest("no order");
        }
        return 1;
    }
}
