package io.teatree.api.versions;

import java.util.List;

/** The published versions of a model, newest first. */
public record VersionList(List<VersionView> items) {
}
