package io.gpuagent.serving;

import java.net.URI;
import java.util.Optional;

/**
 * One inference server's metrics endpoint on this node, and the workload its signals are labelled with
 * (what HPA and KEDA scale).
 *
 * @param server the server kind when an annotation says so; else detected from its metric names
 */
public record Target(String namespace, String pod, String workload, String workloadKind, URI uri,
        Optional<ServerKind> server) {
}
