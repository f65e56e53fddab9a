package io.gpuagent.serving;

import java.net.URI;
import java.util.Optional;

/**
 * One inference server's metrics endpoint on this node, and the workload its signals are labelled with
 * (what HPA and KEDA scale).
 *
 * @param server the server kind when an annotation says so; else detected from its metric names
 * @param generic metric names from annotations, used when the server is {@code generic}
 */
public record Target(String namespace, String pod, String workload, String workloadKind, URI uri,
        Optional<ServerKind> server, GenericMapping generic) {

    public Target(String namespace, String pod, String workload, String workloadKind, URI uri,
            Optional<ServerKind> server) {
        this(namespace, pod, workload, workloadKind, uri, server, GenericMapping.NONE);
    }
}
