package io.teatree.manager;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/** The db-manager process: serves one model and exits with {@link ModelManager#run()}'s code. */
@QuarkusMain
public class ManagerApp implements QuarkusApplication {

    @Inject
    ModelManager manager;

    @Override
    public int run(String... args) {
        // SIGTERM and SIGINT ask the writer to finish its batch; run() then returns and the process exits 0
        sun.misc.SignalHandler stop = signal -> manager.requestStop();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), stop);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), stop);
        return manager.run();
    }
}
