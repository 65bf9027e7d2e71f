package io.teatree.dispatcher;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.teatree.dispatcher.e2e.ManagerJar;
import io.teatree.testkit.TeatreeServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dispatcher of every {@code @QuarkusTest} in this module: local placement of the real db-manager jar,
 * a short idle timeout and a fast reconcile loop, so the end-to-end flow runs in seconds.
 */
public final class DispatcherTestResource implements QuarkusTestResourceLifecycleManager {

    /** The bootstrap admin key the dispatcher under test accepts on /placements and /q/metrics. */
    public static final String ADMIN_KEY = "test-admin-key";

    /** The managers' idle timeout in these tests. */
    public static final String IDLE_TIMEOUT = "PT4S";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = TeatreeServers.get().newDirectory("dispatcher-");
            Map<String, String> config = new LinkedHashMap<>();
            config.put("teatree.dispatcher.placement", "local");
            config.put("teatree.auth.bootstrap-key", ADMIN_KEY);
            config.put("teatree.dispatcher.local.manager-jar", ManagerJar.path().toString());
            config.put("teatree.dispatcher.local.data-dir", dir.resolve("data").toString());
            config.put("teatree.dispatcher.local.log-dir", dir.resolve("logs").toString());
            config.put("teatree.dispatcher.local.stop-grace", "PT10S");
            config.put("teatree.dispatcher.idle-timeout", IDLE_TIMEOUT);
            config.put("teatree.dispatcher.reconcile-interval", "1S");
            config.put("teatree.dispatcher.backoff.initial", "PT0.5S");
            config.put("teatree.dispatcher.backoff.max", "PT4S");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the servers belong to the JVM; the dispatcher's children stop with the application
    }
}
