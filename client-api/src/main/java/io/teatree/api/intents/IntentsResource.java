package io.teatree.api.intents;

import io.teatree.api.auth.CurrentCaller;
import io.teatree.api.http.JsonBodies;
import io.teatree.api.http.PathParams;
import io.teatree.api.http.RequestHeaders;
import io.teatree.api.telemetry.SubmitTelemetry;
import io.teatree.protocol.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Submitting intents: {@code POST /v1/models/{m}/intents}. */
@Path("/v1/models/{m}/intents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "intents", description = "Submit functions to a model and follow them")
@APIResponse(responseCode = "401", description = "no or unknown API key")
@APIResponse(responseCode = "403", description = "outside the key's role or model pattern")
public class IntentsResource {

    private static final String NDJSON = "application/x-ndjson";

    @Inject IntentService intents;
    @Inject IntentBatchService batches;
    @Inject JsonBodies bodies;
    @Inject CurrentCaller caller;
    @Inject SubmitTelemetry telemetry;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit an intent (writer)", description = "Answers 202 only after JetStream acknowledged the intent.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntentRequest.class)))
    @APIResponse(responseCode = "202", description = "queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntentAcceptedView.class)))
    @APIResponse(responseCode = "400", description = "unknown function, bad args, malformed JSON, unknown field")
    @APIResponse(responseCode = "404", description = "unknown model")
    @APIResponse(responseCode = "409", description = "Idempotency-Key reused with another body")
    @APIResponse(responseCode = "413", description = "body over teatree.limits.json-body")
    @APIResponse(responseCode = "503", description = "the queue is unreachable; see Retry-After")
    public Response submit(@PathParam("m") String m,
                           @Parameter(description = "same key and body → same intent; same key, other body → 409")
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           InputStream body, @Context HttpHeaders headers) {
        return telemetry.observe(m, () -> {
            var model = PathParams.model(m);
            IntentRequest request = bodies.read(body, RequestHeaders.contentLength(headers), IntentRequest.class);
            Accepted accepted = intents.submit(caller.get(), model, request.function(), request.args(),
                    Optional.ofNullable(idempotencyKey), RequestHeaders.trace(headers));
            return accepted(accepted);
        });
    }

    @POST
    @Consumes(NDJSON)
    @Produces(NDJSON)
    @Operation(summary = "Submit a batch of intents (writer)", description = "One {\"function\",\"args\",\"idempotencyKey\"?} per line, "
            + "at most teatree.limits.batch-lines lines within teatree.limits.json-body. Answers one NDJSON line per input line, in order: "
            + "{\"line\",\"id\",\"model\",\"status\"} or a problem with \"line\"; 202 when every line was queued, 207 when some were refused. "
            + "A line is answered queued only after JetStream acknowledged it.")
    @RequestBody(required = true, content = @Content(mediaType = NDJSON, schema = @Schema(implementation = IntentBatchService.BatchLine.class)))
    @APIResponse(responseCode = "202", description = "every line queued", content = @Content(mediaType = NDJSON))
    @APIResponse(responseCode = "207", description = "some lines refused, each answered with its problem", content = @Content(mediaType = NDJSON))
    @APIResponse(responseCode = "404", description = "unknown model")
    @APIResponse(responseCode = "413", description = "body over teatree.limits.json-body or more lines than teatree.limits.batch-lines")
    @APIResponse(responseCode = "503", description = "the queue is unreachable; see Retry-After")
    public Response submitBatch(@PathParam("m") String m, InputStream body, @Context HttpHeaders headers) {
        return telemetry.observe(m, () -> {
            var model = PathParams.model(m);
            byte[] lines = bodies.readBytes(body, RequestHeaders.contentLength(headers));
            List<IntentBatchService.LineResult> results = batches.submit(caller.get(), model, lines, RequestHeaders.trace(headers));
            ByteArrayOutputStream answer = new ByteArrayOutputStream(results.size() * 96);
            boolean all = true;
            for (IntentBatchService.LineResult result : results) {
                answer.writeBytes(Json.write(result.toJson()));
                answer.write('\n');
                all &= result.ok();
            }
            return Response.status(all ? 202 : 207).type(NDJSON).entity(answer.toByteArray()).build();
        });
    }

    /** The 202 answer to an accepted intent, with its {@code Location}; bulk rows answer the same way. */
    public static Response accepted(Accepted accepted) {
        IntentAcceptedView view = IntentAcceptedView.of(accepted);
        return Response.accepted(view).header("Location", view.links().self()).build();
    }
}
