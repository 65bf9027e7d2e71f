package io.teatree.dispatcher.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.IntentRow;
import java.time.Instant;
import java.util.UUID;

/** Submits intents the way the client API does: an intent row, then a JetStream publish with {@code Nats-Msg-Id}. */
public final class Intents {

    private final Connection nats;
    private final ControlStore control;

    public Intents(Connection nats, ControlStore control) {
        this.nats = nats;
        this.control = control;
    }

    /** {@code create_table {table, columns:{id: BIGINT, label: VARCHAR}}}. */
    public UUID createTable(ModelId model, String table) throws Exception {
        ObjectNode args = Json.MAPPER.createObjectNode().put("table", table);
        args.putObject("columns").put("id", "BIGINT").put("label", "VARCHAR");
        return submit(model, "create_table", args);
    }

    /** {@code append {table, rows:[{id, label}]}}. */
    public UUID append(ModelId model, String table, long id) throws Exception {
        ObjectNode args = Json.MAPPER.createObjectNode().put("table", table);
        args.putArray("rows").addObject().put("id", id).put("label", "row-" + id);
        return submit(model, "append", args);
    }

    private UUID submit(ModelId model, String function, ObjectNode args) throws Exception {
        UUID id = IntentIds.newId();
        IntentEnvelope envelope = new IntentEnvelope(id, model, function, args, null, Instant.now(), "e2e");
        control.recordQueued(IntentRow.queued(id, model, function, envelope.submittedAt(), "e2e", null));
        JetStream js = nats.jetStream();
        js.publish(NatsMessage.builder().subject(Subjects.intent(model)).headers(new Headers().add("Nats-Msg-Id", id.toString()))
                .data(Json.write(envelope)).build());
        return id;
    }

    /** The intent's status in Postgres. */
    public IntentStatus status(UUID id) throws Exception {
        return control.intent(id).map(IntentRow::status).orElseThrow();
    }
}
