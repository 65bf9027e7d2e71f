package io.teatree.api.models;

import io.teatree.api.auth.Caller;
import io.teatree.api.auth.Role;
import io.teatree.api.problem.Problems;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.control.ControlStore;
import io.teatree.protocol.control.ModelRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The model registry. Blocking. */
@ApplicationScoped
public class ModelService {

    @Inject ControlStore control;

    /** Registers a model (admins within their pattern); 409 when it exists. */
    public ModelRow register(Caller caller, String id, String podClass) {
        ModelId model = ModelId.of(id);
        PodClass pc = PodClass.parse(podClass);
        caller.requireToCreate(Role.ADMIN, model);
        if (!control.createModel(model, pc.wireName())) {
            throw Problems.conflict("model '" + model + "' already exists", "id");
        }
        return control.model(model).orElseThrow();
    }

    public ModelRow get(Caller caller, ModelId model) {
        caller.require(Role.READER, model);
        return control.model(model).orElseThrow(() -> Caller.unknownModel(model));
    }

    /** Up to {@code limit} models after {@code after} that the caller may read, in id order. */
    public List<ModelRow> list(Caller caller, String after, int limit) {
        caller.require(Role.READER);
        List<ModelRow> visible = new ArrayList<>();
        String cursor = after;
        while (visible.size() < limit) {
            List<ModelRow> page = control.models(cursor, limit);
            for (ModelRow row : page) {
                if (caller.mayRead(row.id()) && visible.size() < limit) {
                    visible.add(row);
                }
            }
            if (page.size() < limit) {
                break;
            }
            cursor = page.get(page.size() - 1).id().value();
        }
        return visible;
    }
}
