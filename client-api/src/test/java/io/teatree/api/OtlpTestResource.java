package io.teatree.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.teatree.testkit.OtlpReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts an {@link OtlpReceiver}, enables the OpenTelemetry SDK of the application under test and points its
 * trace exporter at the receiver; injects the receiver into {@code OtlpReceiver} fields of the test.
 */
public final class OtlpTestResource implements QuarkusTestResourceLifecycleManager {

    private OtlpReceiver receiver;

    @Override
    public Map<String, String> start() {
        try {
            receiver = OtlpReceiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", receiver.endpoint(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms",
                "quarkus.otel.service.name", "teatree-client-api");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(receiver, new TestInjector.MatchesType(OtlpReceiver.class));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
