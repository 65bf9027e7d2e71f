package io.teatree.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.teatree.testkit.Readiness;
import io.teatree.testkit.TeatreeTestResource;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)
class HealthIT {

    @Test
    void readyReflectsNatsAndPostgresHonestly() throws Exception {
        Readiness.assertFollowsNatsAndPostgres(URI.create(ConfigProvider.getConfig().getValue("test.url", String.class)));
    }
}
