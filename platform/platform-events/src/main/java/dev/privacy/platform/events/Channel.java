package dev.privacy.platform.events;

/** How a request or complaint reached the privacy desk (P12). */
public enum Channel {
    WEB,
    WRITTEN,
    PHONE,
    EMAIL
}
