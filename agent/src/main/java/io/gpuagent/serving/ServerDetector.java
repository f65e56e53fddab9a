package io.gpuagent.serving;

import java.util.List;
import java.util.Map;

/** Tells which inference server produced an exposition, from the metric names alone. */
public final class ServerDetector {

    /*
     * Checked in order, first hit wins. TRT-LLM runs inside Triton, so its nv_trt_llm_ names
     * must be checked before Triton's nv_inference_ ones that appear in the same exposition.
     * trtllm_ is trtllm-serve's own prefix (also what Dynamo re-exports TRT-LLM engine metrics
     * under); older trtllm-serve releases used unprefixed names and look generic.
     * MLServer has no name prefix of its own: its default series are parallel_request_queue,
     * batch_request_queue and model_infer_request_* (the REST ones take a configurable prefix).
     */
    private static final List<Map.Entry<String, ServerKind>> PREFIXES = List.of(
            Map.entry("vllm:", ServerKind.VLLM),
            Map.entry("sglang:", ServerKind.SGLANG),
            Map.entry("nv_trt_llm_", ServerKind.TRTLLM),
            Map.entry("trtllm_", ServerKind.TRTLLM),
            Map.entry("nv_inference_", ServerKind.TRITON),
            Map.entry("tgi_", ServerKind.TGI),
            Map.entry("ray_serve_", ServerKind.RAYSERVE),
            Map.entry("mlserver_", ServerKind.MLSERVER),
            Map.entry("parallel_request_queue", ServerKind.MLSERVER),
            Map.entry("batch_request_queue", ServerKind.MLSERVER),
            Map.entry("model_infer_request_", ServerKind.MLSERVER),
            Map.entry("ts_", ServerKind.TORCHSERVE));

    private ServerDetector() {}

    public static ServerKind detect(ParsedMetrics metrics) {
        if (metrics == null) {
            return ServerKind.GENERIC;
        }
        for (Map.Entry<String, ServerKind> e : PREFIXES) {
            for (String name : metrics.names()) {
                if (name.startsWith(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return ServerKind.GENERIC;
    }
}
