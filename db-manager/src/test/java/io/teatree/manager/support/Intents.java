package io.teatree.manager.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Builds intents and publishes them to JetStream the way the client API does. */
public final class Intents {

    private Intents() {
    }

    public static IntentEnvelope of(ModelId model, String function, ObjectNode args) {
        return new IntentEnvelope(IntentIds.newId(), model, function, args, null, Instant.now(), "test");
    }

    public static IntentEnvelope createTable(ModelId model, String table, String... nameTypePairs) {
        ObjectNode columns = Json.MAPPER.createObjectNode();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        ObjectNode args = Json.MAPPER.createObjectNode().put("table", table);
        args.set("columns", columns);
        return of(model, "create_table", args);
    }

    public static IntentEnvelope appendRow(ModelId model, String table, ObjectNode row) {
        ObjectNode args = Json.MAPPER.createObjectNode().put("table", table);
        args.putArray("rows").add(row);
        return of(model, "append", args);
    }

    /** Publishes with {@code Nats-Msg-Id} = intent id (as the API does), or without it. */
    public static NatsMessage message(IntentEnvelope intent, boolean withMsgId) {
        Headers headers = new Headers();
        if (withMsgId) {
            headers.add("Nats-Msg-Id", intent.id().toString());
        }
        return NatsMessage.builder().subject(Subjects.intent(intent.model())).headers(headers).data(Json.write(intent)).build();
    }

    /** As {@link #message(IntentEnvelope, boolean)} with a {@code Nats-Msg-Id} and a W3C {@code traceparent} header. */
    public static NatsMessage traced(IntentEnvelope intent, String traceId, String parentSpanId) {
        Headers headers = new Headers();
        headers.add("Nats-Msg-Id", intent.id().toString());
        headers.add("traceparent", "00-" + traceId + "-" + parentSpanId + "-01");
        return NatsMessage.builder().subject(Subjects.intent(intent.model())).headers(headers).data(Json.write(intent)).build();
    }

    /** Publishes all asynchronously and waits for every PubAck. */
    public static void publishAll(JetStream js, List<NatsMessage> messages) throws Exception {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(messages.size());
        for (NatsMessage m : messages) {
            acks.add(js.publishAsync(m));
            if (acks.size() % 5_000 == 0) {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }
}
