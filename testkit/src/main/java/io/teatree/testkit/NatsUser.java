package io.teatree.testkit;

import java.util.Locale;

/**
 * The NATS users of Teatree's server configuration ({@code nats-server.conf}, docs/security.md): one per service,
 * each allowed only the subjects that service uses, and {@link #TEST}, which tests use to inspect streams directly.
 */
public enum NatsUser {
    /** The client API: publishes intents, reads events. */
    API,
    /** Every db-manager: consumes intents, publishes events. */
    MANAGER,
    /** The dispatcher: watches intents, counts pending ones, publishes crashloop events. */
    DISPATCHER,
    /** Tests only (never in bin/teatree): every subject. */
    TEST;

    /** The user name in the server configuration, e.g. {@code api}. */
    public String userName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
