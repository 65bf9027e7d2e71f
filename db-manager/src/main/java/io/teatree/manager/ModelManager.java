package io.teatree.manager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.quarkus.runtime.ShutdownEvent;
import io.teatree.functions.registry.FunctionJars;
import io.teatree.functions.registry.FunctionRegistry;
import io.teatree.manager.apply.BatchExecutor;
import io.teatree.manager.apply.FencedException;
import io.teatree.manager.apply.IntegrityException;
import io.teatree.protocol.ManagerExit;
import io.teatree.manager.quarantine.AttemptJournal;
import io.teatree.manager.config.ManagerConfig;
import io.teatree.manager.consume.Decoder;
import io.teatree.manager.consume.IntentSource;
import io.teatree.manager.lease.LeaseKeeper;
import io.teatree.manager.payload.PayloadFetcher;
import io.teatree.manager.report.ControlReporter;
import io.teatree.manager.report.EventPublisher;
import io.teatree.manager.snapshot.Snapshots;
import io.teatree.manager.store.Ledger;
import io.teatree.manager.store.ModelDatabase;
import io.teatree.manager.telemetry.ManagerMetrics;
import io.teatree.manager.telemetry.ManagerTracer;
import io.teatree.manager.telemetry.Telemetry;
import io.teatree.protocol.EventType;
import io.teatree.protocol.Json;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ControlStoreUnavailableException;
import io.teatree.protocol.control.LeaseStore;
import io.teatree.protocol.control.ModelRow;
import io.teatree.protocol.control.VersionStore;
import io.teatree.service.log.ModelMdc;
import io.teatree.service.nats.NatsConfig;
import io.teatree.service.s3.S3Clients;
import io.teatree.service.s3.S3Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * One model's db-manager: takes the lease, opens the model file, runs the writer loop and shuts down cleanly
 * (finish the batch, ack, release the lease). {@link #run()} returns the process exit code, a {@link ManagerExit}.
 */
@ApplicationScoped
public class ModelManager {

    private static final Logger LOG = Logger.getLogger(ModelManager.class);

    @Inject
    ManagerConfig config;
    @Inject
    NatsConfig natsConfig;
    @Inject
    S3Config s3Config;
    @Inject
    DataSource dataSource;
    @Inject
    Connection nats;
    @Inject
    Telemetry telemetry;

    private volatile boolean stopping;
    private final CountDownLatch finished = new CountDownLatch(1);

    public int run() {
        ModelId model = ModelId.of(config.manager().model());
        ModelMdc.forThread(model);
        String owner = owner();
        ManagerMetrics metrics = telemetry.metrics(model);
        LeaseKeeper lease = new LeaseKeeper(new LeaseStore(dataSource), model, owner, config.manager().lease(), metrics);
        try (lease) {
            OptionalLong epoch = lease.acquire(() -> stopping);
            if (epoch.isEmpty()) {
                return 0;
            }
            awaitNats();
            return serve(model, lease, epoch.getAsLong(), telemetry.tracer(model), metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ManagerExit.CRASHED.code();
        } catch (Exception e) {
            LOG.errorf(e, "model %s: manager failed", model);
            return ManagerExit.CRASHED.code();
        } finally {
            finished.countDown();
        }
    }

    private int serve(ModelId model, LeaseKeeper lease, long epoch, ManagerTracer tracer, ManagerMetrics metrics) throws Exception {
        Path dataDir = Path.of(config.manager().dataDir());
        try (ModelDatabase database = ModelDatabase.open(dataDir, model, config.manager().duckdbMemoryLimit(), config.manager().duckdbThreads(), Optional.of(config.manager().storageVersion()));
             BufferAllocator allocator = new RootAllocator();
             S3Client s3 = S3Clients.create(s3Config);
             S3AsyncClient s3Async = S3Clients.createAsync(s3Config);
             S3TransferManager transfers = S3TransferManager.builder().s3Client(s3Async).build();
             IntentSource source = new IntentSource(nats, model, config.manager().batchSize(), config.manager().linger(), config.manager().ackWait())) {
            if (database.epoch() > epoch) {
                LOG.errorf("model %s: file epoch %d is above our lease epoch %d; refusing to write", model, database.epoch(), epoch);
                return ManagerExit.FENCED.code();
            }
            BatchExecutor executor = new BatchExecutor(model, database, functions(), allocator, epoch,
                    tracer);
            metrics.version(executor.version());
            ControlStore control = new ControlStore(dataSource);
            ControlReporter reporter = reporter(model, control, new Ledger(database.connection()), executor.version());
            EventPublisher events = new EventPublisher(nats, model);
            VersionStore versions = new VersionStore(dataSource);
            lease.startRenewing(() -> stopping = true);
            events.publish(EventType.MANAGER_STARTED, executor.version(), info(lease));
            LOG.infof("model %s: manager %s running at version %d (tracing %s)", model, lease.owner(), executor.version(),
                    tracer.enabled() ? "on" : "off");
            try (Snapshots snapshots = new Snapshots(model, database, config.manager().snapshot(), s3, transfers, s3Config.bucket(), versions, events,
                    publishedVersion(versions, model), tracer, metrics)) {
                WriterLoop loop = new WriterLoop(source, new Decoder(model, s3Config.bucket()), new PayloadFetcher(s3, dataDir.resolve(model.value()).resolve("payloads")),
                        executor, reporter, events, lease, snapshots, config.manager().idleTimeout(), tracer, metrics,
                        AttemptJournal.open(dataDir.resolve(model.value())), config.manager().poisonAttempts());
                WriterLoop.Exit exit;
                try {
                    exit = loop.run(() -> stopping);
                } catch (FencedException e) {
                    LOG.error(e.getMessage());
                    return ManagerExit.FENCED.code();
                } catch (IntegrityException e) {
                    LOG.error(e.getMessage());
                    return ManagerExit.INTEGRITY.code();
                }
                if (exit != WriterLoop.Exit.LEASE_LOST) {
                    snapshots.finish(executor.version());
                }
                return stop(model, lease, executor, reporter, events, exit);
            }
        }
    }

    private int stop(ModelId model, LeaseKeeper lease, BatchExecutor executor, ControlReporter reporter, EventPublisher events,
                     WriterLoop.Exit exit) throws InterruptedException, java.util.concurrent.TimeoutException {
        reporter.catchUp(executor.version());
        ObjectNode data = info(lease).put("reason", exit.name().toLowerCase());
        events.publish(EventType.MANAGER_STOPPED, executor.version(), data);
        LOG.infof("model %s: manager stopping (%s) at version %d", model, exit, executor.version());
        nats.flush(Duration.ofSeconds(5));
        return (exit == WriterLoop.Exit.LEASE_LOST ? ManagerExit.LEASE_LOST : ManagerExit.STOPPED).code();
    }

    private FunctionRegistry functions() throws IOException {
        Optional<Path> dir = config.manager().functionsDir().map(Path::of);
        FunctionRegistry registry = FunctionJars.load(Thread.currentThread().getContextClassLoader(), dir);
        LOG.infof("functions: %s (%d jars from %s and the built-ins)", registry.all().keySet(), FunctionJars.jars(dir).size(),
                dir.map(Path::toString).orElse("no functions directory"));
        return registry;
    }

    private static long publishedVersion(VersionStore versions, ModelId model) {
        try {
            return versions.latest(model).orElse(0L);
        } catch (ControlStoreUnavailableException e) {
            return 0;
        }
    }

    private ControlReporter reporter(ModelId model, ControlStore control, Ledger ledger, long version) {
        long reported;
        try {
            reported = control.model(model).map(ModelRow::currentVersion).orElse(0L);
        } catch (ControlStoreUnavailableException e) {
            reported = 0;
        }
        long from = Math.min(reported, version);
        ControlReporter reporter = new ControlReporter(model, control, ledger, from, from < version);
        reporter.catchUp(version);
        return reporter;
    }

    private void awaitNats() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (nats.getStatus() != Connection.Status.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("NATS unreachable at " + natsConfig.url());
            }
            Thread.sleep(100);
        }
    }

    private static ObjectNode info(LeaseKeeper lease) {
        return Json.MAPPER.createObjectNode().put("owner", lease.owner()).put("epoch", lease.epoch()).put("since", lease.started().toString());
    }

    private static String owner() {
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }


    /** Asks the writer to stop after the batch in flight. */
    public void requestStop() {
        stopping = true;
    }

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (!finished.await(30, TimeUnit.SECONDS)) {
            LOG.warn("writer did not finish its batch within 30 s of shutdown");
        }
    }
}
