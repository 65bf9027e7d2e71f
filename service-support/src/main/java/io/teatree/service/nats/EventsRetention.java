package io.teatree.service.nats;

import java.time.Duration;

/**
 * The events' retention, for the one service that owns the streams' settings (the client API provides this
 * bean). A service without it only creates missing streams and never changes existing ones, so no service's
 * defaults reset the owner's settings.
 */
public interface EventsRetention {

    /** How long events are kept in {@code TEATREE_EVENTS}. */
    Duration maxAge();
}
