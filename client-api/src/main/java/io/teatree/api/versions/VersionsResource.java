package io.teatree.api.versions;

import io.teatree.api.auth.CurrentCaller;
import io.teatree.api.http.PathParams;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Published read-only versions of a model: list, manifests and file downloads (readers). */
@Path("/v1/models/{m}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "versions", description = "Published read-only versions")
@APIResponse(responseCode = "404", description = "unknown model or version")
public class VersionsResource {

    @Inject VersionService versions;
    @Inject CurrentCaller caller;

    @GET
    @Operation(summary = "Published versions, newest first")
    public VersionList list(@PathParam("m") String m) {
        List<VersionView> items = versions.list(caller.get(), PathParams.model(m)).stream().map(VersionView::of).toList();
        return new VersionList(items);
    }

    @GET
    @Path("/{v}")
    @Operation(summary = "The manifest of a version (a number or latest)")
    public Manifest manifest(@PathParam("m") String m, @PathParam("v") String v) {
        return versions.manifest(caller.get(), PathParams.model(m), v);
    }

    @GET
    @Path("/{v}/download")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "The version's read-only DuckDB file",
            description = "ETag is the file's SHA-256 (If-None-Match gives 304); X-Teatree-Version its version; one byte range per request (206).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "the requested byte range")
    @APIResponse(responseCode = "416", description = "not one satisfiable byte range")
    public Response download(@PathParam("m") String m, @PathParam("v") String v, @HeaderParam("Range") String rangeHeader,
                             @Context Request request) {
        ModelId model = PathParams.model(m);
        Manifest manifest = versions.manifest(caller.get(), model, v);
        EntityTag etag = new EntityTag(manifest.duckdb().sha256());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        if (unchanged != null) {
            return unchanged.header("X-Teatree-Version", manifest.version()).build();
        }
        long size = manifest.duckdb().bytes();
        Optional<ByteRange> range = ByteRange.parse(rangeHeader, size);
        java.nio.file.Path file = versions.file(model, manifest);
        long start = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        StreamingOutput body = out -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                WritableByteChannel target = Channels.newChannel(out);
                long position = start;
                long remaining = length;
                while (remaining > 0) {
                    long sent = channel.transferTo(position, remaining, target);
                    position += sent;
                    remaining -= sent;
                }
            }
        };
        Response.ResponseBuilder answer = Response.status(range.isPresent() ? 206 : 200).entity(body)
                .type(MediaType.APPLICATION_OCTET_STREAM)
                .tag(etag)
                .header("X-Teatree-Version", manifest.version())
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Content-Disposition", "attachment; filename=\"" + model + "-v" + manifest.version() + ".duckdb\"");
        range.ifPresent(r -> answer.header("Content-Range", r.contentRange(size)));
        return answer.build();
    }
}
