package io.teatree.api.intents;

import io.quarkus.logging.Log;
import io.teatree.functions.registry.FunctionRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The functions on the class path (built-ins and any added jars), found once at start. */
@Singleton
public class FunctionRegistryProducer {

    @Produces
    @Singleton
    FunctionRegistry registry() {
        FunctionRegistry registry = FunctionRegistry.load(Thread.currentThread().getContextClassLoader());
        Log.infof("functions: %s", registry.all().keySet());
        return registry;
    }
}
