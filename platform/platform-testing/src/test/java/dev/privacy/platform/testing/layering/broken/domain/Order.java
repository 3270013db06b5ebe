package dev.privacy.platform.testing.layering.broken.domain;

import dev.privacy.platform.testing.layering.broken.service.Pricing;

/** Fixture, violation: the domain depends on the service layer. */
public class Order {

    public long total() {
        return Pricing.price(this);
    }
}
