package io.teatree.api.rows;

import io.teatree.api.auth.CurrentCaller;
import io.teatree.api.http.PathParams;
import io.teatree.api.http.RequestHeaders;
import io.teatree.api.intents.IntentAcceptedView;
import io.teatree.api.intents.IntentsResource;
import io.teatree.api.telemetry.SubmitTelemetry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk rows, streamed to S3 and applied as one intent. */
@Path("/v1/models/{m}/tables/{t}/rows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "intents")
public class RowsResource {

    @Inject RowsService rows;
    @Inject CurrentCaller caller;
    @Inject SubmitTelemetry telemetry;

    @POST
    @Consumes({"text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON, "application/vnd.apache.arrow.stream",
            "application/vnd.apache.parquet"})
    @Operation(summary = "Submit bulk rows (writer)",
            description = "The body streams to S3 (staging/<model>/<intentId>) and one intent referencing it is queued.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Object.class)),
            @Content(mediaType = "application/vnd.apache.arrow.stream", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/vnd.apache.parquet", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "202", description = "staged and queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntentAcceptedView.class)))
    @APIResponse(responseCode = "400", description = "bad table, mode or key")
    @APIResponse(responseCode = "404", description = "unknown model")
    @APIResponse(responseCode = "413", description = "body over teatree.limits.rows-body; nothing staged or queued")
    @APIResponse(responseCode = "415", description = "unsupported Content-Type")
    @APIResponse(responseCode = "503", description = "NATS or S3 unreachable; see Retry-After")
    public Response submit(@PathParam("m") String m, @PathParam("t") String table,
                           @Parameter(description = "append (default), upsert or replace") @QueryParam("mode") String mode,
                           @Parameter(description = "key columns for upsert, comma-separated") @QueryParam("key") String key,
                           InputStream body, @Context HttpHeaders headers) {
        return telemetry.observe(m, () -> {
            var model = PathParams.model(m);
            MediaType type = headers.getMediaType();
            RowsRequest request = RowsRequest.of(table, mode, key, type == null ? null : type.getType() + "/" + type.getSubtype());
            return IntentsResource.accepted(rows.submit(caller.get(), model, request, RequestHeaders.contentLength(headers), body,
                    RequestHeaders.trace(headers)));
        });
    }
}
