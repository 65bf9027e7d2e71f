package io.teatree.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the testkit's real servers:
 * {@code @QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)}.
 * The servers outlive the Quarkus application; the JVM's shutdown hook stops them.
 */
public final class TeatreeTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TeatreeServers.get().serviceConfig();
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped when the JVM ends
    }
}
