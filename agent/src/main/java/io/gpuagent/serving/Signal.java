package io.gpuagent.serving;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Normalized serving signals of one model on one server. Each value is empty when the server
 * does not report it (or, for the queue wait, when no window could be computed) so that the
 * exporter can omit the series instead of publishing a misleading zero.
 *
 * @param model the server's model name, "" when the server reports none
 */
public record Signal(
        String model,
        OptionalDouble queued,
        OptionalDouble running,
        OptionalDouble kvCacheRatio,
        OptionalDouble queueWaitSeconds) {

    public Signal {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(kvCacheRatio, "kvCacheRatio");
        Objects.requireNonNull(queueWaitSeconds, "queueWaitSeconds");
    }
}
