package io.teatree.protocol.telemetry;

import io.nats.client.impl.Headers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) on NATS message headers: the API injects the
 * {@code api.submit} span's context when it publishes an intent, the dispatcher and the manager extract it.
 * Stateless and thread-safe.
 */
public final class NatsTraceContext {

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.put(key, value);
        }
    };

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return headers == null ? List.of() : headers.keySet();
        }

        @Override
        public String get(Headers headers, String key) {
            return headers == null ? null : headers.getFirst(key);
        }
    };

    private NatsTraceContext() {
    }

    /** Writes {@code context} into {@code headers} with the propagators of {@code telemetry}. */
    public static void inject(OpenTelemetry telemetry, Context context, Headers headers) {
        telemetry.getPropagators().getTextMapPropagator().inject(context, headers, SETTER);
    }

    /** The context carried by {@code headers} (may be null), or the root context when there is none. */
    public static Context extract(OpenTelemetry telemetry, Headers headers) {
        return telemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, GETTER);
    }
}
