package io.teatree.api.rest.dto;

import java.util.List;

/** The published versions of a model, newest first. */
public record VersionList(List<VersionView> items) {
}
