package io.teatree.api.intents;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.teatree.api.auth.CurrentCaller;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.control.IntentRow;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Following intents: {@code GET /v1/intents/{id}}. */
@Path("/v1/intents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "intents")
@APIResponse(responseCode = "401", description = "no or unknown API key")
@APIResponse(responseCode = "403", description = "outside the key's role or model pattern")
public class IntentStatusResource {

    @Inject IntentStatusService status;
    @Inject CurrentCaller caller;

    @GET
    @Path("/{id}")
    @Blocking
    @Operation(summary = "An intent's status (reader)", description = "With ?wait= the answer comes when the intent is terminal or the wait ends.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntentView.class)))
    @APIResponse(responseCode = "404", description = "unknown intent")
    public Uni<IntentView> get(@PathParam("id") String id,
                               @Parameter(description = "how long to wait for a terminal status: 10s, 500ms, 1m (capped by teatree.limits.max-wait)")
                               @QueryParam("wait") String wait) {
        Duration duration = status.parseWait(wait);
        IntentRow row = status.current(caller.get(), IntentIds.parse(id, "id"));
        return status.await(row, duration).map(IntentView::of);
    }
}
