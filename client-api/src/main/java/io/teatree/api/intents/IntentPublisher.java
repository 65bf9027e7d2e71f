package io.teatree.api.intents;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.Json;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.telemetry.NatsTraceContext;
import io.teatree.service.nats.NatsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes intents to {@code teatree.intent.<model>} and waits for JetStream's acknowledgement. Blocking;
 * call from a worker thread. Thread-safe.
 */
@ApplicationScoped
public class IntentPublisher {

    private static final String TRACEPARENT = "traceparent";

    private final Connection connection;
    private final JetStreamOptions options;
    private final OpenTelemetry telemetry;
    private final Duration timeout;

    public IntentPublisher(Connection connection, NatsConfig config, OpenTelemetry telemetry) {
        this.connection = connection;
        this.telemetry = telemetry;
        this.options = JetStreamOptions.builder().requestTimeout(config.publishTimeout()).build();
        this.timeout = config.publishTimeout();
    }

    /** Throws 503 unless the NATS connection is up, so callers can refuse work before reading a body. */
    public void requireConnected() {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            throw Problems.unavailable("the intent queue (NATS) is unreachable; retry later");
        }
    }

    /**
     * Publishes with {@code Nats-Msg-Id} = intent id and the current trace context ({@code traceparent} naming the
     * current {@code api.submit} span). With tracing off (OpenTelemetry SDK disabled) nothing is
     * injected and the client's own {@code clientTrace} headers are carried instead, so a trace the client started
     * still continues downstream.
     *
     * @return the acknowledgement; {@link PublishAck#isDuplicate()} when JetStream already had this id
     * @throws io.teatree.api.problem.ApiProblem 503 when NATS does not acknowledge
     */
    public PublishAck publish(IntentEnvelope intent, Map<String, String> clientTrace) {
        requireConnected();
        NatsMessage message = message(intent, clientTrace);
        try {
            JetStream js = connection.jetStream(options);
            return js.publish(message, publishOptions(intent));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Log.warnf("intent %s for model %s not acknowledged: %s", intent.id(), intent.model(), e.getMessage());
            throw Problems.unavailable("the intent queue (NATS) did not acknowledge the intent; retry later");
        }
    }

    /**
     * {@link #publish} without waiting: the future completes with the acknowledgement, or exceptionally when
     * NATS does not acknowledge within {@code teatree.nats.publish-timeout}. Many may be in flight at once.
     */
    public CompletableFuture<PublishAck> publishAsync(IntentEnvelope intent, Map<String, String> clientTrace) {
        NatsMessage message = message(intent, clientTrace);
        try {
            return connection.jetStream(options).publishAsync(message, publishOptions(intent))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private NatsMessage message(IntentEnvelope intent, Map<String, String> clientTrace) {
        return NatsMessage.builder()
                .subject(Subjects.intent(intent.model()))
                .headers(traceHeaders(clientTrace))
                .data(Json.write(intent))
                .build();
    }

    /** {@code Nats-Msg-Id} = intent id (JetStream drops a duplicate), and only the intents stream may take it. */
    private static PublishOptions publishOptions(IntentEnvelope intent) {
        return PublishOptions.builder()
                .messageId(intent.id().toString())
                .expectedStream(Subjects.INTENTS_STREAM)
                .build();
    }

    private Headers traceHeaders(Map<String, String> clientTrace) {
        Headers headers = new Headers();
        NatsTraceContext.inject(telemetry, Context.current(), headers);
        if (!headers.containsKey(TRACEPARENT)) {
            clientTrace.forEach(headers::put);
        }
        return headers;
    }
}
