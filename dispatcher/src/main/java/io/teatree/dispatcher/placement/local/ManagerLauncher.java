package io.teatree.dispatcher.placement.local;

import io.teatree.dispatcher.placement.ManagerSpec;

/** Builds the process of one model's manager; output redirection is the placement's business. */
@FunctionalInterface
public interface ManagerLauncher {

    /** A fresh process builder for {@code spec}'s manager. */
    ProcessBuilder processFor(ManagerSpec spec);

    /** The db-manager's own command line and environment. */
    static ManagerLauncher of(ManagerCommand command) {
        return spec -> {
            ProcessBuilder builder = new ProcessBuilder(command.command(spec));
            command.environment(spec, builder.environment());
            return builder;
        };
    }
}
