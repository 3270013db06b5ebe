package dev.privacy.platform.events;

/** The three cookie choices the policy offers (P16). */
public enum CookieChoice {
    ALLOW_ALL,
    CONFIRM_EACH,
    REFUSE_ALL
}
