package io.teatree.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Points a {@code @QuarkusTest} at the testkit's real servers:
 * {@code @QuarkusTestResource(value = TeatreeTestResource.class, restrictToAnnotatedClass = false)}. The
 * service connects to NATS as its own user ({@link NatsUser}), chosen by its {@code quarkus.application.name}.
 * The servers outlive the Quarkus application; the JVM's shutdown hook stops them.
 */
public final class TeatreeTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String application = applicationName();
        NatsUser user = natsUser(application);
        System.out.println("testkit: " + application + " connects to NATS as " + user.userName());
        return TeatreeServers.get().serviceConfig(user);
    }

    /** The NATS user of the service called {@code applicationName}; {@link NatsUser#TEST} for any other application. */
    static NatsUser natsUser(String applicationName) {
        return switch (applicationName == null ? "" : applicationName) {
            case "teatree-client-api" -> NatsUser.API;
            case "teatree-db-manager" -> NatsUser.MANAGER;
            case "teatree-dispatcher" -> NatsUser.DISPATCHER;
            default -> NatsUser.TEST;
        };
    }

    private static String applicationName() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("quarkus.application.name");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped when the JVM ends
    }
}
