package io.teatree.api.intents;

/** Where to follow an accepted intent. */
public record Links(String self, String events) {
}
