package io.teatree.protocol;

/** Names on the wire (docs/design.md, names on the wire): streams, subjects and consumers. */
public final class Subjects {

    public static final String INTENTS_STREAM = "TEATREE_INTENTS";
    public static final String EVENTS_STREAM = "TEATREE_EVENTS";
    public static final String INTENT_PREFIX = "teatree.intent.";
    public static final String EVENT_PREFIX = "teatree.event.";
    public static final String ALL_INTENTS = INTENT_PREFIX + "*";
    public static final String ALL_EVENTS = EVENT_PREFIX + "*";

    private Subjects() {
    }

    public static String intent(ModelId model) {
        return INTENT_PREFIX + model.value();
    }

    public static String event(ModelId model) {
        return EVENT_PREFIX + model.value();
    }

    /** The durable pull consumer of a model's db-manager. */
    public static String managerConsumer(ModelId model) {
        return "mgr-" + model.value();
    }
}
