package io.teatree.dispatcher.demand;

import io.teatree.dispatcher.leader.Leadership;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * In-memory control tables, pending intents, events and leadership for the demand parts, and a
 * {@link MutableClock}. {@code sales} is registered with pod class {@code large}.
 */
final class DemandFakes {

    static final ModelId SALES = ModelId.of("sales");
    static final ModelId GHOST = ModelId.of("ghost");

    final Map<ModelId, String> registered = new ConcurrentHashMap<>(Map.of(SALES, "large"));
    final Map<ModelId, ModelStatus> statuses = new ConcurrentHashMap<>();
    final Map<ModelId, Long> pending = new ConcurrentHashMap<>();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean leader = new AtomicBoolean(true);
    final MutableClock clock = new MutableClock();

    ModelDirectory directory() {
        return new ModelDirectory() {
            @Override
            public Optional<String> podClassOf(ModelId model) {
                return Optional.ofNullable(registered.get(model));
            }

            @Override
            public Set<ModelId> registered(Collection<ModelId> models) {
                return models.stream().filter(registered::containsKey).collect(Collectors.toSet());
            }

            @Override
            public void setStatus(ModelId model, ModelStatus status) {
                statuses.put(model, status);
            }
        };
    }

    PendingWork work() {
        return () -> Map.copyOf(pending);
    }

    /** Records a crashloop event as {@code "<model> crashloop <exitCode> <crashes>"}. */
    ManagerEvents managerEvents() {
        return (model, code, crashes, retryIn) -> events.add(model + " crashloop " + code + " " + crashes);
    }

    /** Leads while {@link #leader} is true; closing it ends the lead. */
    Leadership leadership() {
        return new Leadership() {
            @Override
            public boolean isLeader() {
                return leader.get();
            }

            @Override
            public void close() {
                leader.set(false);
            }
        };
    }

    static PodClasses podClasses() {
        return new PodClasses(Map.of("small", new PodClass("small", 2, "2Gi", "10Gi"), "large", new PodClass("large", 8, "16Gi", "100Gi")));
    }
}
