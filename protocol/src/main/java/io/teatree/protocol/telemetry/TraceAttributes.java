package io.teatree.protocol.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/** Span names and attribute keys every service uses (docs/design.md, observability), so a trace reads the same end to end. */
public final class TraceAttributes {

    public static final String API_SUBMIT = "api.submit";
    public static final String DISPATCHER_ENSURE = "dispatcher.ensure";
    public static final String MANAGER_BATCH = "manager.batch";
    public static final String FUNCTION_PREFIX = "function.";
    public static final String SNAPSHOT = "snapshot";

    public static final AttributeKey<String> MODEL = AttributeKey.stringKey("teatree.model");
    public static final AttributeKey<String> INTENT_ID = AttributeKey.stringKey("teatree.intent.id");
    public static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("teatree.function");
    public static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("teatree.batch.size");
    public static final AttributeKey<Long> VERSION = AttributeKey.longKey("teatree.version");

    private TraceAttributes() {
    }

    /** {@code function.<name>}. */
    public static String functionSpan(String function) {
        return FUNCTION_PREFIX + function;
    }
}
