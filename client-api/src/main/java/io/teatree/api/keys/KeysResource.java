package io.teatree.api.keys;

import io.teatree.api.auth.CurrentCaller;
import io.teatree.api.http.JsonBodies;
import io.teatree.api.http.PathParams;
import io.teatree.api.http.RequestHeaders;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API key management for admins with pattern {@code *}. */
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys", description = "API keys (admin)")
@APIResponse(responseCode = "403", description = "not an admin key for all models")
public class KeysResource {

    @Inject KeyService keys;
    @Inject JsonBodies bodies;
    @Inject CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a key; its secret is in this answer only")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyRequest.class)))
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyView.class)))
    @APIResponse(responseCode = "400", description = "bad role or pattern")
    public Response create(InputStream body, @Context HttpHeaders headers) {
        KeyRequest request = bodies.read(body, RequestHeaders.contentLength(headers), KeyRequest.class);
        KeyService.Created created = keys.create(caller.get(), request.role(), request.modelPattern());
        return Response.created(URI.create("/v1/keys/" + created.key().id())).entity(KeyView.of(created.key(), created.secret())).build();
    }

    @GET
    @Operation(summary = "List keys (without secrets)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyView[].class)))
    public List<KeyView> list() {
        return keys.list(caller.get()).stream().map(k -> KeyView.of(k, null)).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key")
    @APIResponse(responseCode = "204", description = "revoked")
    @APIResponse(responseCode = "400", description = "not a key id")
    @APIResponse(responseCode = "404", description = "no live key with that id")
    public Response revoke(@PathParam("id") String id) {
        keys.revoke(caller.get(), PathParams.keyId(id));
        return Response.noContent().build();
    }
}
