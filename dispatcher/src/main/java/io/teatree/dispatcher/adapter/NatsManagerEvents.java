package io.teatree.dispatcher.adapter;

import io.nats.client.Connection;
import io.quarkus.logging.Log;
import io.teatree.dispatcher.demand.ManagerEvents;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.Json;
import io.teatree.protocol.ManagerExit;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import java.time.Duration;

/** {@link ManagerEvents} published to JetStream ({@code TEATREE_EVENTS}). */
public final class NatsManagerEvents implements ManagerEvents {

    private final Connection connection;

    public NatsManagerEvents(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void crashloop(ModelId model, int exitCode, int crashes, Duration retryIn) {
        var data = Json.MAPPER.createObjectNode()
                .put("reason", "crashloop")
                .put("exitCode", exitCode)
                .put("exitReason", ManagerExit.reasonOf(exitCode))
                .put("crashes", crashes)
                .put("retryIn", retryIn.toString());
        try {
            connection.jetStream().publish(Subjects.event(model), Json.write(EventEnvelope.of(model, EventType.MANAGER_STOPPED, null, data)));
        } catch (Exception e) {
            Log.warnf("cannot publish the crashloop event of %s: %s", model, e.getMessage());
        }
    }
}
