package io.teatree.dispatcher.demand;

import static io.teatree.dispatcher.demand.DemandFakes.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.protocol.ModelId;
import io.teatree.protocol.ModelStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusWriterTest {

    private final DemandFakes fakes = new DemandFakes();
    private final StatusWriter status = new StatusWriter(fakes.directory(), fakes.managerEvents());

    @Test
    void aCrashloopWritesItsStatusAndEventAndRecoveryWritesIdleOnce() {
        assertThat(status.recovered(SALES)).as("never crash-looped").isFalse();
        assertThat(fakes.statuses).isEmpty();

        status.crashloop(SALES, 3, 3, Duration.ofMillis(200));
        assertThat(fakes.statuses).containsEntry(SALES, ModelStatus.CRASHLOOP);
        assertThat(fakes.events).containsExactly("sales crashloop 3 3");

        assertThat(status.recovered(SALES)).isTrue();
        assertThat(fakes.statuses).containsEntry(SALES, ModelStatus.IDLE);
        fakes.statuses.clear();
        assertThat(status.recovered(SALES)).isFalse();
        assertThat(fakes.statuses).isEmpty();
    }

    @Test
    void aStatusTheControlTablesRefuseIsLoggedAndTheEventStillSent() {
        StatusWriter refused = new StatusWriter(new ModelDirectory() {
            @Override
            public Optional<String> podClassOf(ModelId model) {
                return Optional.empty();
            }

            @Override
            public Set<ModelId> registered(Collection<ModelId> models) {
                return Set.of();
            }

            @Override
            public void setStatus(ModelId model, ModelStatus status) {
                throw new IllegalStateException("control tables are away");
            }
        }, fakes.managerEvents());

        refused.crashloop(SALES, 3, 3, Duration.ofMillis(200));
        assertThat(fakes.events).containsExactly("sales crashloop 3 3");
        assertThat(refused.recovered(SALES)).isTrue();
    }
}
