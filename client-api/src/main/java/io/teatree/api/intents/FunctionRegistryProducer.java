package io.teatree.api.intents;

import io.quarkus.logging.Log;
import io.teatree.api.config.ApiConfig;
import io.teatree.functions.registry.FunctionJars;
import io.teatree.functions.registry.FunctionRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;

/** The functions on the class path and in the jars of {@code teatree.functions-dir}, found once at start. */
@Singleton
public class FunctionRegistryProducer {

    @Produces
    @Singleton
    FunctionRegistry registry(ApiConfig config) throws IOException {
        FunctionRegistry registry = FunctionJars.load(Thread.currentThread().getContextClassLoader(), config.functionsDir());
        Log.infof("functions: %s (%d jars from %s and the built-ins)", registry.all().keySet(), FunctionJars.jars(config.functionsDir()).size(),
                config.functionsDir().map(Object::toString).orElse("no functions directory"));
        return registry;
    }
}
