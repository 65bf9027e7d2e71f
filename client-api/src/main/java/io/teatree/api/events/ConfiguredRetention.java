package io.teatree.api.events;

import io.teatree.api.config.ApiConfig;
import io.teatree.service.nats.EventsRetention;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The client API owns the streams' settings: the events' retention is {@code teatree.events.max-age}, applied
 * whenever the API (re)connects to NATS. The other services only create missing streams.
 */
@ApplicationScoped
public class ConfiguredRetention implements EventsRetention {

    private final Duration maxAge;

    public ConfiguredRetention(ApiConfig config) {
        this.maxAge = config.events().maxAge();
    }

    @Override
    public Duration maxAge() {
        return maxAge;
    }
}
