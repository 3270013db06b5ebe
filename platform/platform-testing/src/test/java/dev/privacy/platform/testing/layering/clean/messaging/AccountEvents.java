package dev.privacy.platform.testing.layering.clean.messaging;

import dev.privacy.platform.testing.layering.clean.service.AccountService;
import jakarta.enterprise.context.ApplicationScoped;

/** Fixture: a consumer calls the service layer, injected through its only constructor. */
@ApplicationScoped
public class AccountEvents {

    private final AccountService accounts;

    AccountEvents(AccountService accounts) {
        this.accounts = accounts;
    }

    public void on(String id) {
        accounts.account(id);
    }
}
