package io.teatree.api.versions;

import io.teatree.api.auth.Caller;
import io.teatree.api.models.ModelService;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.Manifest;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.VersionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Published read-only versions of a model as readers see them: the list, one manifest by number or
 * {@code latest}, and the tables of the newest. Every call checks that the caller may read the model and that
 * the model exists. Blocking.
 */
@ApplicationScoped
public class VersionService {

    /** The version reference that names the newest published version. */
    public static final String LATEST = "latest";

    @Inject ModelService models;
    @Inject VersionStore catalog;
    @Inject VersionFiles files;

    /** The published versions of {@code model}, newest first (manifests without tables). */
    public List<Manifest> list(Caller caller, ModelId model) {
        models.get(caller, model);
        return catalog.versions(model);
    }

    /**
     * The manifest of the version {@code ref} names: a version number, or {@code latest} (also when {@code ref} is
     * null); 404 when it is not published, 400 when {@code ref} is neither.
     */
    public Manifest manifest(Caller caller, ModelId model, String ref) {
        models.get(caller, model);
        long version = resolve(model, ref);
        return catalog.manifest(model, version)
                .orElseThrow(() -> Problems.notFound("model '" + model + "' has no published version " + version, "version"));
    }

    /** The newest published version, if any. */
    public Optional<Manifest> newest(Caller caller, ModelId model) {
        models.get(caller, model);
        Optional<Long> latest = catalog.latest(model);
        return latest.isEmpty() ? Optional.empty() : catalog.manifest(model, latest.get());
    }

    /** The local, verified DuckDB file of the version {@code manifest} describes, fetched from S3 if needed. */
    public Path file(ModelId model, Manifest manifest) {
        return files.file(new VersionKey(model, manifest.version()), manifest.duckdb());
    }

    private long resolve(ModelId model, String ref) {
        if (ref == null || ref.equals(LATEST)) {
            return catalog.latest(model)
                    .orElseThrow(() -> Problems.notFound("model '" + model + "' has no published version yet", "version"));
        }
        try {
            long version = Long.parseLong(ref);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // the problem below names the field
        }
        throw Problems.invalidField("version", "version must be a version number or 'latest', not '" + ref + "'");
    }
}
