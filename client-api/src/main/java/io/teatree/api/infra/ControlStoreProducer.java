package io.teatree.api.infra;

import io.agroal.api.AgroalDataSource;
import io.teatree.protocol.control.ApiKeyStore;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.VersionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the control-table repositories of the protocol available for injection. */
@ApplicationScoped
public class ControlStoreProducer {

    @Produces
    @Singleton
    ControlStore controlStore(AgroalDataSource dataSource) {
        return new ControlStore(dataSource);
    }

    @Produces
    @Singleton
    VersionStore versionStore(AgroalDataSource dataSource) {
        return new VersionStore(dataSource);
    }

    @Produces
    @Singleton
    ApiKeyStore apiKeyStore(AgroalDataSource dataSource) {
        return new ApiKeyStore(dataSource);
    }
}
