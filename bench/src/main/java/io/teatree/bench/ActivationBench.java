package io.teatree.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.teatree.dispatcher.placement.local.LocalSettings;
import io.teatree.dispatcher.podclass.PodClass;
import io.teatree.dispatcher.podclass.PodClasses;
import io.teatree.dispatcher.wiring.StandaloneDispatcher;
import io.teatree.protocol.IntentEnvelope;
import io.teatree.protocol.IntentIds;
import io.teatree.protocol.IntentStatus;
import io.teatree.protocol.Json;
import io.teatree.protocol.Migrations;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Streams;
import io.teatree.protocol.Subjects;
import io.teatree.protocol.control.ControlStore;
import io.teatree.service.manager.ManagerEnvironment;
import io.teatree.testkit.NatsUser;
import io.teatree.testkit.TeatreeServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Activation time of the local placement: an intent for a model whose manager has stopped (idle) until it is
 * applied, p50/p95, against the same intent applied by a running manager, in the same run.
 * Run with {@code bin/teatree bench activation [rounds]}.
 */
public final class ActivationBench {

    private static final ModelId MODEL = ModelId.of("bench-activation");

    private ActivationBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        TeatreeServers servers = TeatreeServers.get();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(servers.postgres().jdbcUrl());
        pg.setUser(servers.postgres().user());
        pg.setPassword(servers.postgres().password());
        Migrations.apply(pg);
        new ControlStore(pg).createModel(MODEL, "small");
        Path dir = servers.newDirectory("activation");
        Path jar = Path.of("db-manager", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        LocalSettings settings = new LocalSettings(LocalSettings.currentJava(), jar, dir.resolve("data"), dir.resolve("logs"),
                Duration.ofSeconds(2), Duration.ofSeconds(20));
        ManagerEnvironment environment = new ManagerEnvironment(servers.nats().address(), NatsUser.MANAGER.userName(),
                servers.nats().password(NatsUser.MANAGER), servers.postgres().jdbcUrl(), servers.postgres().user(),
                servers.postgres().password(), servers.s3().endpoint(), servers.s3().region(), TeatreeServers.BUCKET,
                servers.s3().accessKey(), servers.s3().secretKey());
        PodClasses classes = new PodClasses(Map.of("small", new PodClass("small", 2, "2Gi", "1Gi")));
        Latencies cold = new Latencies(rounds);
        Latencies warm = new Latencies(rounds);
        try (Connection nc = Nats.connect(servers.nats().url());
             StandaloneDispatcher dispatcher = StandaloneDispatcher.local(settings, environment, classes, pg, nc, Duration.ofSeconds(1))) {
            Streams.provision(nc, Duration.ofDays(1));
            ObjectNode create = Json.MAPPER.createObjectNode().put("table", "t");
            create.putObject("columns").put("id", "BIGINT");
            awaitApplied(pg, publish(nc, "create_table", create));
            for (int i = 0; i < rounds; i++) {
                awaitStopped(dispatcher);
                long start = System.nanoTime();
                awaitApplied(pg, publish(nc, "append", row(i)));
                cold.add(System.nanoTime() - start);
                start = System.nanoTime();
                awaitApplied(pg, publish(nc, "append", row(1_000 + i)));
                warm.add(System.nanoTime() - start);
            }
        }
        System.out.printf("%nactivation rounds: %d, local placement, pod class small; 2 cores%n", rounds);
        BenchTable table = new BenchTable();
        table.add("activation p50 (stopped model -> applied)", cold.percentileMillis(50), "ms", "running manager p50 ms", warm.percentileMillis(50));
        table.add("activation p95 (stopped model -> applied)", cold.percentileMillis(95), "ms", "running manager p95 ms", warm.percentileMillis(95));
        table.print();
        System.exit(0);
    }

    private static ObjectNode row(int id) {
        ObjectNode args = Json.MAPPER.createObjectNode().put("table", "t");
        args.putArray("rows").addObject().put("id", id);
        return args;
    }

    private static UUID publish(Connection nc, String function, ObjectNode args) throws Exception {
        IntentEnvelope intent = new IntentEnvelope(IntentIds.newId(), MODEL, function, args, null, Instant.now(), "bench");
        nc.jetStream().publish(NatsMessage.builder().subject(Subjects.intent(MODEL))
                .headers(new Headers().add("Nats-Msg-Id", intent.id().toString())).data(Json.write(intent)).build());
        return intent.id();
    }

    private static void awaitStopped(StandaloneDispatcher dispatcher) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (dispatcher.placement().pid(MODEL).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the manager did not stop when idle");
            }
            Thread.sleep(50);
        }
    }

    private static void awaitApplied(PGSimpleDataSource pg, UUID id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        ControlStore control = new ControlStore(pg);
        while (System.nanoTime() < deadline) {
            if (control.intent(id).map(row -> row.status() == IntentStatus.SUCCEEDED).orElse(false)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("intent " + id + " not applied within 120 s");
    }
}
