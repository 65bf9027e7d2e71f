package io.teatree.api.rest.dto;

/** Where to follow an accepted intent. */
public record Links(String self, String events) {
}
