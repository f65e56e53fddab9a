package io.gpuagent.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Strict typed parsing of Kubernetes manifests into fabric8's model: an unknown field fails. */
public final class StrictKube {

    static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private StrictKube() {
    }


    /**
     * Converts {@code node} to fabric8's typed model and fails on any field the type does not know:
     * fabric8 keeps those in {@code additionalProperties} instead of rejecting them, so walk the result.
     */
    public static <T> T strictly(JsonNode node, Class<T> type) {
        T typed = KUBE.convertValue(node, type);
        List<String> unknown = new ArrayList<>();
        collectUnknown(typed, type.getSimpleName(), unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError("unknown fields for " + type.getSimpleName() + ": " + unknown);
        }
        return typed;
    }

    static void collectUnknown(Object o, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                collectUnknown(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : o.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
                continue;
            }
            String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            collectUnknown(value, path + "." + field, unknown, seen);
        }
    }
}
