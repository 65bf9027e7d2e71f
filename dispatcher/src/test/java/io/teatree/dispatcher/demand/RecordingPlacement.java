package io.teatree.dispatcher.demand;

import io.teatree.dispatcher.placement.ExitListener;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.ManagerState;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.protocol.ModelId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A placement that only remembers what it was asked, for the supervisor's logic without I/O. */
public final class RecordingPlacement implements Placement {

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<ModelId, PlacementInfo> placements = new ConcurrentHashMap<>();
    final ExitListener listener;
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    public RecordingPlacement(ExitListener listener) {
        this.listener = listener;
    }

    @Override
    public void start(ManagerSpec spec) {
        calls.add("start " + spec.model() + " " + spec.podClass().name());
        placements.put(spec.model(), new PlacementInfo(spec.model(), ManagerState.RUNNING, now, spec.podClass().name(), 0, "recorded"));
    }

    @Override
    public void stop(ModelId model) {
        calls.add("stop " + model);
        placements.computeIfPresent(model, (m, p) -> new PlacementInfo(m, ManagerState.STOPPED, now, p.podClass(), 0, "recorded"));
    }

    @Override
    public void remove(ModelId model) {
        calls.add("remove " + model);
        placements.remove(model);
    }

    @Override
    public Optional<PlacementInfo> find(ModelId model) {
        return Optional.ofNullable(placements.get(model));
    }

    @Override
    public List<PlacementInfo> list() {
        return placements.values().stream().sorted(java.util.Comparator.comparing(PlacementInfo::model)).toList();
    }

    /** The manager crashed with {@code code} after {@code ranFor}. */
    void crash(ModelId model, int code, Duration ranFor) {
        placements.computeIfPresent(model, (m, p) -> new PlacementInfo(m, ManagerState.CRASHED, now, p.podClass(), 0, "recorded"));
        listener.exited(model, code, ranFor);
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
