package io.teatree.dispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.dispatcher.placement.local.LocalSettings;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.dispatcher.wiring.StandaloneDispatcher;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Streams;
import io.teatree.protocol.control.ControlStore;
import io.teatree.testkit.NatsUser;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dispatcher without the service, as benchmarks use it: an intent for a stopped model starts its manager. */
@WithTeatreeServers
class StandaloneDispatcherE2E {

    private static final ModelId MODEL = ModelId.of("standalone");

    @Test
    void anIntentForAStoppedModelIsAppliedAndClosingStopsTheManager(TeatreeServers servers) throws Exception {
        Path jar = ManagerJar.require();
        IsolatedDatabase database = IsolatedDatabase.create(servers, "teatree_standalone");
        Path dir = servers.newDirectory("standalone-");
        LocalSettings settings = new LocalSettings(LocalSettings.currentJava(), jar, dir.resolve("data"), dir.resolve("logs"),
                Duration.ofMinutes(1), Duration.ofSeconds(20));
        ManagerEnvironment environment = new ManagerEnvironment(servers.nats().address(), NatsUser.MANAGER.userName(),
                servers.nats().password(NatsUser.MANAGER), database.jdbcUrl(), servers.postgres().user(),
                servers.postgres().password(), servers.s3().endpoint(), servers.s3().region(), TeatreeServers.BUCKET,
                servers.s3().accessKey(), servers.s3().secretKey());
        PodClasses classes = new PodClasses(Map.of("small", new PodClass("small", 1, "1Gi", "1Gi")));
        try (Connection nats = Nats.connect(servers.nats().url())) {
            Streams.provision(nats, Duration.ofDays(1));
            ControlStore control = new ControlStore(database.dataSource());
            control.createModel(MODEL, "small");
            Intents intents = new Intents(nats, control);
            long pid;
            try (StandaloneDispatcher dispatcher = StandaloneDispatcher.local(settings, environment, classes, database.dataSource(), nats,
                    Duration.ofSeconds(1))) {
                UUID id = intents.createTable(MODEL, "events");
                await().atMost(Duration.ofSeconds(90)).until(() -> intents.status(id) == IntentStatus.SUCCEEDED);
                pid = dispatcher.placement().pid(MODEL).orElseThrow();
                String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
                assertThat(commandLine).contains("quarkus-run.jar").doesNotContain(servers.nats().password(NatsUser.MANAGER),
                        servers.postgres().password(), servers.s3().secretKey());
                assertThat(dispatcher.supervisor().starts()).isEqualTo(1);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }
}
