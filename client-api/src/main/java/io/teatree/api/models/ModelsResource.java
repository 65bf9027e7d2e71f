package io.teatree.api.models;

import io.teatree.api.auth.CurrentCaller;
import io.teatree.api.http.JsonBodies;
import io.teatree.api.http.PathParams;
import io.teatree.api.http.QueryParams;
import io.teatree.api.http.RequestHeaders;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ModelRow;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The model registry: {@code /v1/models}. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models", description = "The model registry")
@APIResponse(responseCode = "401", description = "no or unknown API key")
@APIResponse(responseCode = "403", description = "outside the key's role or model pattern")
public class ModelsResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    @Inject ModelService models;
    @Inject JsonBodies bodies;
    @Inject CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a model (admin)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelRequest.class)))
    @APIResponse(responseCode = "201", description = "registered; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "400", description = "bad id or pod class, malformed JSON, unknown field")
    @APIResponse(responseCode = "409", description = "the model exists")
    public Response register(InputStream body, @Context HttpHeaders headers) {
        ModelRequest request = bodies.read(body, RequestHeaders.contentLength(headers), ModelRequest.class);
        ModelRow row = models.register(caller.get(), request.id(), request.podClass());
        return Response.created(URI.create("/v1/models/" + row.id())).entity(ModelView.of(row)).build();
    }

    @GET
    @Operation(summary = "List the models the key may read, in id order")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelPage.class)))
    @APIResponse(responseCode = "400", description = "after is not a model id, limit not a whole number from 1 to 1000")
    public ModelPage list(@Parameter(description = "the next of the previous page") @QueryParam("after") String after,
                          @Parameter(description = "page size, 1 to 1000 (default 100)") @QueryParam("limit") String limit) {
        int pageSize = QueryParams.pageSize(limit, "limit", DEFAULT_PAGE, MAX_PAGE);
        String cursor = QueryParams.modelCursor(after, "after").map(ModelId::value).orElse(null);
        List<ModelView> items = models.list(caller.get(), cursor, pageSize).stream().map(ModelView::of).toList();
        return new ModelPage(items, items.size() == pageSize ? items.get(items.size() - 1).id() : null);
    }

    @GET
    @Path("/{m}")
    @Operation(summary = "One model: status, versions and manager state")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "404", description = "unknown model")
    public ModelView get(@PathParam("m") String m) {
        return ModelView.of(models.get(caller.get(), PathParams.model(m)));
    }
}
