package io.gpuagent.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the agent needs of one pod on its node, detached from the fabric8 model (immutable, safe to hand
 * to any thread).
 *
 * @param phase {@code Pending}, {@code Running}, ... or {@code Unknown} when the API server gave none
 * @param ready the pod's {@code Ready} condition is {@code True}
 * @param allowlistedLabels labels matching {@code --pod-label-allowlist}, already named {@code label_<sanitized>}
 * @param workload the owner to scale; the pod itself when nothing controls it
 * @param containers the long-running containers (regular ones and sidecars) with their declared ports
 * @param annotations all annotations, e.g. for scrape hints
 */
public record PodInfo(String namespace, String name, String uid, String phase, boolean ready, Optional<String> podIp,
        String node, Map<String, String> allowlistedLabels, Workload workload, List<ContainerInfo> containers,
        Map<String, String> annotations) {

    /** Set by the kubelet on static pods' mirror pods; the pod's cgroup carries this, not the mirror's uid. */
    public static final String CONFIG_HASH_ANNOTATION = "kubernetes.io/config.hash";

    public PodInfo {
        allowlistedLabels = Map.copyOf(allowlistedLabels);
        containers = List.copyOf(containers);
        annotations = Map.copyOf(annotations);
    }

    /** A container and its declared ports. */
    public record ContainerInfo(String name, List<Port> ports) {
        public ContainerInfo {
            ports = List.copyOf(ports);
        }
    }

    /** A declared container port; {@code name} is empty when the port has none. */
    public record Port(String name, int number) {
    }

    /** The container of that name, if the pod declares one. */
    public Optional<ContainerInfo> container(String containerName) {
        return containers.stream().filter(c -> c.name().equals(containerName)).findFirst();
    }

    static PodInfo of(Pod pod, Optional<Pattern> labelAllowlist, Workload workload) {
        ObjectMeta meta = pod.getMetadata();
        PodSpec spec = pod.getSpec();
        PodStatus status = pod.getStatus();
        String phase = status == null || status.getPhase() == null ? "Unknown" : status.getPhase();
        Optional<String> ip = Optional.ofNullable(status == null ? null : status.getPodIP()).filter(s -> !s.isBlank());
        String node = spec == null || spec.getNodeName() == null ? "" : spec.getNodeName();
        return new PodInfo(meta.getNamespace(), meta.getName(), orEmpty(meta.getUid()), phase, ready(status), ip, node,
                PodLabels.allowlisted(meta.getLabels(), labelAllowlist), workload, containers(spec),
                withoutNulls(meta.getAnnotations()));
    }

    private static boolean ready(PodStatus status) {
        if (status == null || status.getConditions() == null) {
            return false;
        }
        for (PodCondition c : status.getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static List<ContainerInfo> containers(PodSpec spec) {
        List<ContainerInfo> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        if (spec.getInitContainers() != null) {
            // Native sidecars are init containers with restartPolicy Always: they run beside the others.
            for (Container c : spec.getInitContainers()) {
                if ("Always".equals(c.getRestartPolicy())) {
                    out.add(container(c));
                }
            }
        }
        if (spec.getContainers() != null) {
            spec.getContainers().forEach(c -> out.add(container(c)));
        }
        return out;
    }

    private static ContainerInfo container(Container c) {
        List<Port> ports = new ArrayList<>();
        if (c.getPorts() != null) {
            for (ContainerPort p : c.getPorts()) {
                if (p.getContainerPort() != null) {
                    ports.add(new Port(orEmpty(p.getName()), p.getContainerPort()));
                }
            }
        }
        return new ContainerInfo(c.getName(), ports);
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> out = new java.util.HashMap<>();
        map.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
