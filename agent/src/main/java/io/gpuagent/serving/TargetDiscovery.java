package io.gpuagent.serving;

import io.gpuagent.pods.PodInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Which pods on this node serve inference metrics. Pure: a function of the pod informer's view.
 *
 * <ul>
 *   <li>Annotated pods: {@code gpu-agent.io/scrape: "true"} with {@code gpu-agent.io/port} (required),
 *       {@code gpu-agent.io/path} (default {@code /metrics}) and {@code gpu-agent.io/server} (else
 *       detected), and for a {@code generic} server the metric names of {@link GenericMapping};
 *       {@code gpu-agent.io/scrape: "false"} opts a pod out of everything below.</li>
 *   <li>Without annotations: containers of pods that hold a GPU whose ports are named {@code metrics} or
 *       are an inference server's well-known metrics port.</li>
 * </ul>
 * Only Running pods with an IP: a pod that is starting has no endpoint yet, a finished one none any more.
 */
public final class TargetDiscovery {

    public static final String SCRAPE = "gpu-agent.io/scrape";
    public static final String PORT = "gpu-agent.io/port";
    public static final String PATH = "gpu-agent.io/path";
    public static final String SERVER = "gpu-agent.io/server";

    /** vLLM 8000, Triton 8002, SGLang 30000, TorchServe/MLServer 8082, Ray Serve 8080, TGI 80 and 3000. */
    static final Set<Integer> WELL_KNOWN_PORTS = Set.of(8000, 8002, 30000, 8082, 8080, 80, 3000);

    private TargetDiscovery() {
    }

    /**
     * @param holdsGpu whether the pod (namespace, name) holds a GPU, from the kubelet's allocations
     */
    public static List<Target> discover(List<PodInfo> pods, BiPredicate<String, String> holdsGpu) {
        List<Target> out = new ArrayList<>();
        for (PodInfo p : pods) {
            if (!"Running".equals(p.phase()) || p.podIp().isEmpty()) {
                continue;
            }
            String scrape = p.annotations().getOrDefault(SCRAPE, "").strip().toLowerCase(Locale.ROOT);
            if (scrape.equals("false")) {
                continue;
            }
            if (scrape.equals("true")) {
                annotated(p).ifPresent(out::add);
            } else if (holdsGpu.test(p.namespace(), p.name())) {
                wellKnown(p).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<Target> annotated(PodInfo p) {
        int port;
        try {
            port = Integer.parseInt(p.annotations().getOrDefault(PORT, "").strip());
        } catch (NumberFormatException e) {
            return Optional.empty(); // a bad annotation costs that pod, logged by the caller via absence
        }
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        String path = p.annotations().getOrDefault(PATH, "/metrics").strip();
        Optional<ServerKind> server = Arrays.stream(ServerKind.values())
                .filter(k -> k.label().equals(p.annotations().getOrDefault(SERVER, "").strip().toLowerCase(Locale.ROOT)))
                .findFirst();
        GenericMapping generic = GenericMapping.fromAnnotations(p.annotations());
        return uri(p, port, path.startsWith("/") ? path : "/" + path)
                .map(u -> new Target(p.namespace(), p.name(), p.workload().name(), p.workload().kind(), u, server, generic));
    }

    private static Optional<Target> wellKnown(PodInfo p) {
        for (PodInfo.ContainerInfo c : p.containers()) {
            for (PodInfo.Port port : c.ports()) {
                if ("metrics".equals(port.name()) || WELL_KNOWN_PORTS.contains(port.number())) {
                    return uri(p, port.number(), "/metrics").map(u -> target(p, u, Optional.empty()));
                }
            }
        }
        return Optional.empty();
    }

    private static Target target(PodInfo p, URI uri, Optional<ServerKind> server) {
        return new Target(p.namespace(), p.name(), p.workload().name(), p.workload().kind(), uri, server);
    }

    private static Optional<URI> uri(PodInfo p, int port, String path) {
        try {
            String ip = p.podIp().orElseThrow();
            String host = ip.contains(":") ? "[" + ip + "]" : ip;
            return Optional.of(URI.create("http://" + host + ":" + port + path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
