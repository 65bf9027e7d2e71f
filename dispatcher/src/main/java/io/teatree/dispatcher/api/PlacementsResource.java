package io.teatree.dispatcher.api;

import io.teatree.dispatcher.demand.Supervisor;
import io.teatree.dispatcher.placement.PlacementInfo;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code GET /placements}: every model the placement knows, with its manager's state. */
@Path("/placements")
@Produces(MediaType.APPLICATION_JSON)
public class PlacementsResource {

    /**
     * One model's placement on the wire.
     *
     * @param model    model id
     * @param state    {@code starting}, {@code running}, {@code stopping}, {@code stopped} or {@code crashed}
     * @param since    when it entered that state
     * @param podClass pod class it runs with
     * @param restarts restarts after crashes
     * @param crashes  crashes in a row the dispatcher counts (drives the backoff)
     * @param detail   a pid or the StatefulSet and pod
     */
    public record PlacementView(String model, String state, Instant since, String podClass, int restarts, int crashes, String detail) {
    }

    @Inject
    Supervisor supervisor;

    @GET
    public List<PlacementView> list() {
        return supervisor.placement().list().stream().map(this::view).toList();
    }

    private PlacementView view(PlacementInfo info) {
        return new PlacementView(info.model().value(), info.state().name().toLowerCase(java.util.Locale.ROOT), info.since(),
                info.podClass(), info.restarts(), supervisor.crashes(info.model()), info.detail());
    }
}
