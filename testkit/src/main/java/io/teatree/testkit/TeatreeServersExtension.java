package io.teatree.testkit;

import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 extension behind {@link WithTeatreeServers}. */
public final class TeatreeServersExtension implements BeforeAllCallback, ParameterResolver {

    private static final Set<Class<?>> RESOLVABLE = Set.of(TeatreeServers.class, NatsServer.class, PostgresServer.class, S3Server.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        TeatreeServers.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TeatreeServers servers = TeatreeServers.get();
        Class<?> type = parameter.getParameter().getType();
        if (type == NatsServer.class) {
            return servers.nats();
        }
        if (type == PostgresServer.class) {
            return servers.postgres();
        }
        if (type == S3Server.class) {
            return servers.s3();
        }
        return servers;
    }
}
