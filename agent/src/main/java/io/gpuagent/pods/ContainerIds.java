package io.gpuagent.pods;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Container ids as the API server reports them ({@code containerd://<id>}, {@code cri-o://<id>},
 * {@code docker://<id>}) reduced to the bare id that a process's cgroup path carries.
 */
final class ContainerIds {

    private ContainerIds() {
    }

    /** The id without its runtime prefix; an empty string for null or blank input. */
    static String strip(String containerId) {
        if (containerId == null || containerId.isBlank()) {
            return "";
        }
        int scheme = containerId.indexOf("://");
        return (scheme >= 0 ? containerId.substring(scheme + 3) : containerId).strip();
    }

    /**
     * Every container id the pod's status names, to the container's name: regular, init and ephemeral
     * containers, and each one's previous instance ({@code lastState.terminated}), because a process of a
     * just-restarted container may still be attributed to the old id for a collection or two.
     */
    static Map<String, String> byId(Pod pod) {
        Map<String, String> ids = new LinkedHashMap<>();
        PodStatus status = pod.getStatus();
        if (status == null) {
            return ids;
        }
        for (List<ContainerStatus> statuses : List.of(nullSafe(status.getContainerStatuses()),
                nullSafe(status.getInitContainerStatuses()), nullSafe(status.getEphemeralContainerStatuses()))) {
            for (ContainerStatus s : statuses) {
                put(ids, s.getContainerID(), s.getName());
                if (s.getLastState() != null && s.getLastState().getTerminated() != null) {
                    put(ids, s.getLastState().getTerminated().getContainerID(), s.getName());
                }
            }
        }
        return ids;
    }

    private static void put(Map<String, String> ids, String rawId, String name) {
        String id = strip(rawId);
        if (!id.isEmpty() && name != null) {
            ids.putIfAbsent(id, name);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
