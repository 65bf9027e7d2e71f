package io.teatree.api.versions;

import io.teatree.api.auth.CurrentCaller;
import io.teatree.api.http.PathParams;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tables of a model's newest published version, from {@code content_index} (readers). */
@Path("/v1/models/{m}/tables")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "versions")
public class TablesResource {

    @Inject VersionService versions;
    @Inject CurrentCaller caller;

    @GET
    @Operation(summary = "Tables of the newest published version: name, rows, columns and types")
    public TablesView tables(@PathParam("m") String m) {
        return versions.newest(caller.get(), PathParams.model(m)).map(TablesView::of).orElse(new TablesView(null, List.of()));
    }
}
