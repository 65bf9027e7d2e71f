package io.teatree.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the real NATS, Postgres and S3 servers (once per test JVM) before the annotated test class and
 * injects {@link TeatreeServers}, {@link NatsServer}, {@link PostgresServer} or {@link S3Server} parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TeatreeServersExtension.class)
public @interface WithTeatreeServers {
}
