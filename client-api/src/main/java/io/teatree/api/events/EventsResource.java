package io.teatree.api.events;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.teatree.api.auth.CurrentCaller;
import io.teatree.api.auth.Role;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.http.PathParams;
import io.teatree.api.http.QueryParams;
import io.teatree.api.intents.IntentPublisher;
import io.teatree.api.intents.IntentQueue;
import io.teatree.api.problem.Problems;
import io.teatree.api.telemetry.ApiMetrics;
import io.teatree.protocol.EventEnvelope;
import io.teatree.protocol.EventType;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A model's events as Server-Sent Events, read from {@code TEATREE_EVENTS}. */
@Path("/v1/models/{m}/events")
@Tag(name = "events", description = "Follow a model live")
public class EventsResource {

    private final EventFeed feed;
    private final IntentQueue queue;
    private final IntentPublisher nats;
    private final CurrentCaller caller;
    private final Duration heartbeat;
    private final ApiMetrics metrics;

    public EventsResource(EventFeed feed, IntentQueue queue, IntentPublisher nats, CurrentCaller caller, ApiConfig config,
                          ApiMetrics metrics) {
        this.feed = feed;
        this.queue = queue;
        this.nats = nats;
        this.caller = caller;
        this.heartbeat = config.events().heartbeat();
        this.metrics = metrics;
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow the model's events (reader)",
            description = "id: is the event's stream sequence, event: its type, data: the event JSON. Resume with Last-Event-ID or ?since=;"
                    + " without either only new events come. Comment lines are heartbeats.")
    @APIResponse(responseCode = "200", description = "an event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = EventEnvelope.class)))
    @APIResponse(responseCode = "400", description = "since or Last-Event-ID not a sequence of the stream, an unknown event type")
    @APIResponse(responseCode = "404", description = "unknown model")
    @APIResponse(responseCode = "503", description = "NATS unreachable")
    public Multi<OutboundSseEvent> events(@PathParam("m") String m,
                                          @Parameter(description = "the last event id seen; events after it follow") @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Parameter(description = "resume after this sequence (0: every kept event)") @QueryParam("since") String since,
                                          @Parameter(description = "comma-separated event types, e.g. intent.succeeded,intent.failed") @QueryParam("types") String types,
                                          @Context Sse sse) {
        ModelId model = PathParams.model(m);
        caller.get().require(Role.READER, model);
        queue.requireModel(model);
        String position = lastEventId != null && !lastEventId.isBlank() ? "Last-Event-ID" : since != null && !since.isEmpty() ? "since" : null;
        long after = position == null ? -1 : QueryParams.bounded("since".equals(position) ? since : lastEventId, position, Long.MAX_VALUE);
        Set<EventType> filter = types(types);
        nats.requireConnected();
        if (after > 0) {
            long last = feed.lastSequence();
            if (after > last) {
                throw Problems.invalidField(position, position + " " + after + " is beyond the newest event (sequence " + last + ")");
            }
        }
        Multi<OutboundSseEvent> events = feed.follow(model, after, filter).map(e -> sse.newEventBuilder()
                .id(String.valueOf(e.seq()))
                .name(e.type().wireName())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(new String(Json.write(e), StandardCharsets.UTF_8))
                .build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(heartbeat)
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        // a first comment at once, so the client sees the stream open before any event
        Multi<OutboundSseEvent> opened = Multi.createFrom().item(() -> sse.newEventBuilder().comment("connected").build());
        return metrics.subscriber(Multi.createBy().merging().streams(opened, events, heartbeats));
    }

    private static Set<EventType> types(String types) {
        Set<EventType> filter = EnumSet.noneOf(EventType.class);
        if (types != null) {
            for (String t : types.split(",")) {
                if (!t.isBlank()) {
                    filter.add(EventType.fromWire(t.trim()));
                }
            }
        }
        return filter;
    }
}
