package io.teatree.manager.support;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.teatree.protocol.Streams;
import io.teatree.testkit.TeatreeServers;
import java.time.Duration;

/** A NATS connection with the streams provisioned, for tests. */
public final class Manual {

    private Manual() {
    }

    public static Connection nats() throws Exception {
        Connection nc = Nats.connect(TeatreeServers.get().nats().url());
        Streams.provision(nc, Duration.ofDays(1));
        return nc;
    }

    public static String newModel(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }
}
