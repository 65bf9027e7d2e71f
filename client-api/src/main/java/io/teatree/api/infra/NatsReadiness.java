package io.teatree.api.infra;

import io.nats.client.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the NATS connection is up. */
@Readiness
@ApplicationScoped
public class NatsReadiness implements HealthCheck {

    @Inject
    Connection connection;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("nats")
                .status(connection.getStatus() == Connection.Status.CONNECTED)
                .withData("status", connection.getStatus().name())
                .withData("server", String.valueOf(connection.getConnectedUrl()))
                .build();
    }
}
