package io.teatree.api.query;

import io.teatree.api.auth.CurrentCaller;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.http.FormBodies;
import io.teatree.api.http.JsonBodies;
import io.teatree.api.http.PathParams;
import io.teatree.api.http.RequestHeaders;
import io.teatree.api.problem.Problems;
import io.teatree.api.query.QueryRequest;
import io.teatree.api.query.QueryService;
import io.teatree.api.query.ResultFormat;
import io.teatree.api.query.ResultWriters;
import io.teatree.api.query.RunningQuery;
import io.teatree.protocol.ModelId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read-only SQL on a published version (readers): JSON {@code {"sql","params"?,"version"?}} or a form with
 * {@code sql} (and {@code version}); the answer streams in the representation {@code Accept} chooses.
 */
@Path("/v1/models/{m}/query")
@Tag(name = "versions")
@APIResponse(responseCode = "200", description = "the rows, at most teatree.query.max-rows (X-Teatree-Row-Limit)", content = {
        @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = Object.class)),
        @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/vnd.apache.arrow.stream", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING))})
@APIResponse(responseCode = "400", description = "refused or failing SQL, wrong params, time limit hit")
@APIResponse(responseCode = "404", description = "unknown model or version")
@APIResponse(responseCode = "406", description = "Accept names no supported representation")
@APIResponse(responseCode = "413", description = "sql longer than teatree.limits.query-sql, a body over teatree.limits.query-body")
@APIResponse(responseCode = "422", description = "a cell of the first row larger than teatree.query.max-cell")
public class QueryResource {

    @Inject QueryService queries;
    @Inject ResultWriters writers;
    @Inject JsonBodies bodies;
    @Inject CurrentCaller caller;
    @Inject ApiConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Query a published version (reader)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryRequest.class)))
    public Response query(@PathParam("m") String m, InputStream body, @Context HttpHeaders headers) {
        ModelId model = PathParams.model(m);
        ResultFormat format = ResultFormat.negotiate(headers.getAcceptableMediaTypes());
        long maxBody = config.limits().queryBody().asLongValue();
        return answer(model, bodies.read(body, RequestHeaders.contentLength(headers), QueryRequest.class, maxBody, "sql"), format);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Query a published version with a form (reader)")
    public Response queryForm(@PathParam("m") String m, InputStream body, @Context HttpHeaders headers) {
        ModelId model = PathParams.model(m);
        ResultFormat format = ResultFormat.negotiate(headers.getAcceptableMediaTypes());
        Map<String, String> form = FormBodies.read(body, RequestHeaders.contentLength(headers), config.limits().queryBody().asLongValue(), "sql");
        return answer(model, new QueryRequest(form.get("sql"), List.of(), form.get("version")), format);
    }

    private Response answer(ModelId model, QueryRequest request, ResultFormat format) {
        int maxSql = config.limits().querySql();
        if (request.sql().length() > maxSql) {
            throw Problems.tooLarge("sql is " + request.sql().length() + " characters long; at most " + maxSql
                    + " are allowed (teatree.limits.query-sql)", "sql");
        }
        RunningQuery query = queries.run(caller.get(), model, request, format);
        StreamingOutput rows = out -> writers.write(format, query, out);
        return Response.ok(rows, format.mediaType())
                .header("X-Teatree-Version", query.version())
                .header("X-Teatree-Row-Limit", writers.maxRows())
                .build();
    }
}
