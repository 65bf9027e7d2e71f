package io.teatree.api.infra;

import io.agroal.api.AgroalDataSource;
import io.teatree.protocol.control.ControlStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the shared control-table access available for injection. */
@ApplicationScoped
public class ControlStoreProducer {

    @Produces
    @Singleton
    ControlStore controlStore(AgroalDataSource dataSource) {
        return new ControlStore(dataSource);
    }
}
