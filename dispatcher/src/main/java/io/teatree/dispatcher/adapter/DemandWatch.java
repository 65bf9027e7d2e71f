package io.teatree.dispatcher.adapter;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsJetStreamConstants;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.service.log.ModelMdc;
import io.teatree.dispatcher.telemetry.TracedDemand;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.telemetry.NatsTraceContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A core NATS subscription on {@code teatree.intent.>}: every intent published tells the supervisor its model
 * has work. Bursts for one model coalesce into one {@link Supervisor#demand} call at a time, run off the
 * NATS thread. The subscription survives reconnects.
 *
 * <p>Tracing: the intent that triggers a demand gives it its trace; the demand runs in a
 * {@code dispatcher.ensure} span ({@link TracedDemand}) whose parent is the {@code traceparent} on that
 * message. Intents that arrive while a demand for their model is already queued are coalesced into it and
 * get no {@code dispatcher.ensure} span of their own.
 */
public final class DemandWatch implements AutoCloseable {

    private final Connection connection;
    private final OpenTelemetry telemetry;
    private final TracedDemand demand;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<ModelId> queued = ConcurrentHashMap.newKeySet();
    private Dispatcher dispatcher;

    /** A watch without tracing. */
    public DemandWatch(Connection connection, Supervisor supervisor) {
        this(connection, supervisor, OpenTelemetry.noop());
    }

    /** A watch whose demands are traced with {@code telemetry}. */
    public DemandWatch(Connection connection, Supervisor supervisor, OpenTelemetry telemetry) {
        this.connection = connection;
        this.telemetry = telemetry;
        this.demand = new TracedDemand(supervisor, telemetry);
    }

    /** Subscribes. */
    public synchronized DemandWatch start() {
        dispatcher = connection.createDispatcher(this::onIntent);
        dispatcher.subscribe(Subjects.INTENT_PREFIX + ">");
        return this;
    }

    private void onIntent(Message message) {
        String token = message.getSubject().substring(Subjects.INTENT_PREFIX.length());
        if (!ModelId.isValid(token)) {
            return;
        }
        ModelId model = ModelId.of(token);
        if (queued.add(model)) {
            Headers headers = message.getHeaders();
            Context parent = NatsTraceContext.extract(telemetry, headers);
            String intentId = headers == null ? null : headers.getFirst(NatsJetStreamConstants.MSG_ID_HDR);
            workers.execute(() -> {
                queued.remove(model);
                ensure(model, parent, intentId);
            });
        }
    }

    private void ensure(ModelId model, Context parent, String intentId) {
        try (ModelMdc mdc = ModelMdc.of(model, intentId)) {
            try {
                demand.demand(model, parent, intentId);
            } catch (RuntimeException e) {
                Log.warnf("cannot ensure a manager for %s now (the reconcile loop retries): %s", model, e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (dispatcher != null) {
            connection.closeDispatcher(dispatcher);
            dispatcher = null;
        }
        workers.shutdownNow();
    }
}
