package io.teatree.dispatcher.helm;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Finds fields Fabric8 did not know: they land in a model object's {@code additionalProperties}. */
final class FabricStrictness {

    private FabricStrictness() {
    }

    /** Paths of every unknown field under {@code model}; empty when Fabric8 understood all of it. */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        walk(model, "", unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object child = m.invoke(value);
                if (m.getName().equals("getAdditionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(k -> unknown.add(path + "." + k));
                    }
                } else {
                    walk(child, path + "." + m.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + path + "." + m.getName(), e);
            }
        }
    }
}
