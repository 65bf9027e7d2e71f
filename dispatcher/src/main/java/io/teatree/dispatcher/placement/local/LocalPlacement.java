package io.teatree.dispatcher.placement.local;

import io.quarkus.logging.Log;
import io.teatree.dispatcher.placement.ExitListener;
import io.teatree.dispatcher.placement.ManagerSpec;
import io.teatree.dispatcher.placement.ManagerState;
import io.teatree.dispatcher.placement.Placement;
import io.teatree.dispatcher.placement.PlacementInfo;
import io.teatree.service.log.ModelMdc;
import io.teatree.protocol.ModelId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The {@code local} placement: one db-manager child process per model on this host. A manager exits by
 * itself when idle; a crash is reported to the {@link ExitListener}, which decides when to start it again.
 * Children get SIGKILL when the dispatcher dies ({@link ProcessSpawner}) and SIGTERM, then SIGKILL, when it
 * closes. Public so that benchmarks can drive it without the dispatcher service. Thread-safe.
 */
public final class LocalPlacement implements Placement {

    private static final int SIGTERM_EXIT = 143;

    private final ManagerLauncher launcher;
    private final ProcessSpawner spawner;
    private final Path logDir;
    private final Duration stopGrace;
    private final ExitListener listener;
    private final Executor exits = CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS);
    private final ConcurrentMap<ModelId, LocalManager> running = new ConcurrentHashMap<>();
    private final ConcurrentMap<ModelId, PlacementInfo> ended = new ConcurrentHashMap<>();
    private final ConcurrentMap<ModelId, Integer> restarts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param launcher  builds each manager's process
     * @param logDir    where {@code manager-<model>.log} files go
     * @param stopGrace how long a stopping manager may take before SIGKILL
     * @param listener  told of every manager that ended
     */
    public LocalPlacement(ManagerLauncher launcher, Path logDir, Duration stopGrace, ExitListener listener) {
        this.launcher = launcher;
        this.spawner = new ProcessSpawner();
        this.logDir = logDir;
        this.stopGrace = stopGrace;
        this.listener = listener;
    }

    @Override
    public void start(ManagerSpec spec) {
        if (closed) {
            throw new IllegalStateException("the local placement is closed");
        }
        running.compute(spec.model(), (model, current) -> current != null && current.process().isAlive() ? current : launch(spec));
    }

    private LocalManager launch(ManagerSpec spec) {
        ModelId model = spec.model();
        Path log = logDir.resolve("manager-" + model.value() + ".log");
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = launcher.processFor(spec)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = spawner.start(builder);
            LocalManager manager = new LocalManager(spec, process, Instant.now());
            PlacementInfo previous = ended.remove(model);
            if (previous != null && previous.state() == ManagerState.CRASHED) {
                restarts.merge(model, 1, Integer::sum);
            }
            process.onExit().thenAcceptAsync(p -> exited(manager), exits);
            Log.infof("started manager of %s (pid %d, pod class %s), log %s", model, process.pid(), spec.podClass().name(), log);
            return manager;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the manager of " + model + ": " + e.getMessage(), e);
        }
    }

    private void exited(LocalManager manager) {
        ModelId model = manager.spec().model();
        int code = manager.process().exitValue();
        boolean requested = manager.stopRequested() && (code == 0 || code == SIGTERM_EXIT);
        int reported = requested ? 0 : code;
        Instant now = Instant.now();
        running.remove(model, manager);
        ended.put(model, new PlacementInfo(model, reported == 0 ? ManagerState.STOPPED : ManagerState.CRASHED, now,
                manager.spec().podClass().name(), restarts.getOrDefault(model, 0), "exit code " + code));
        try (ModelMdc mdc = ModelMdc.of(model)) {
            Log.infof("manager of %s (pid %d) exited with code %d", model, manager.process().pid(), code);
        }
        if (!closed) {
            listener.exited(model, reported, Duration.between(manager.startedAt(), now));
        }
    }

    @Override
    public void stop(ModelId model) {
        LocalManager manager = running.get(model);
        if (manager == null || !manager.process().isAlive()) {
            return;
        }
        manager.requestStop();
        CompletableFuture.delayedExecutor(stopGrace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (manager.process().isAlive()) {
                try (ModelMdc mdc = ModelMdc.of(model)) {
                    Log.warnf("manager of %s did not stop within %s: killing it", model, stopGrace);
                }
                manager.process().destroyForcibly();
            }
        });
    }

    @Override
    public void remove(ModelId model) {
        stop(model);
        ended.remove(model);
        restarts.remove(model);
    }

    @Override
    public Optional<PlacementInfo> find(ModelId model) {
        LocalManager manager = running.get(model);
        if (manager != null) {
            return Optional.of(info(manager));
        }
        return Optional.ofNullable(ended.get(model));
    }

    @Override
    public List<PlacementInfo> list() {
        List<PlacementInfo> all = new ArrayList<>();
        running.values().forEach(m -> all.add(info(m)));
        ended.forEach((model, info) -> {
            if (!running.containsKey(model)) {
                all.add(info);
            }
        });
        all.sort(Comparator.comparing(PlacementInfo::model));
        return all;
    }

    /** The pid of the model's running manager. */
    public Optional<Long> pid(ModelId model) {
        return Optional.ofNullable(running.get(model)).filter(m -> m.process().isAlive()).map(m -> m.process().pid());
    }

    private PlacementInfo info(LocalManager manager) {
        ModelId model = manager.spec().model();
        ManagerState state = manager.stopRequested() ? ManagerState.STOPPING : ManagerState.RUNNING;
        Instant since = manager.stopRequested() ? manager.stopRequestedAt() : manager.startedAt();
        return new PlacementInfo(model, state, since, manager.spec().podClass().name(), restarts.getOrDefault(model, 0),
                "pid " + manager.process().pid());
    }

    @Override
    public void close() {
        closed = true;
        List<LocalManager> managers = new ArrayList<>(running.values());
        managers.forEach(LocalManager::requestStop);
        long deadline = System.nanoTime() + stopGrace.toNanos();
        for (LocalManager manager : managers) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!manager.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    manager.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                manager.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        spawner.close();
    }
}
