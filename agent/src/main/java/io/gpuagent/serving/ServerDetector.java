package io.gpuagent.serving;

import java.util.List;
import java.util.Map;

/** Tells which inference server produced an exposition, from the metric names alone. */
public final class ServerDetector {

    /*
     * Checked in order, first hit wins. TRT-LLM runs inside Triton, so its nv_trt_llm_ names
     * must be checked before Triton's nv_inference_ ones that appear in the same exposition.
     */
    private static final List<Map.Entry<String, ServerKind>> PREFIXES = List.of(
            Map.entry("vllm:", ServerKind.VLLM),
            Map.entry("sglang:", ServerKind.SGLANG),
            Map.entry("nv_trt_llm_", ServerKind.TRTLLM),
            Map.entry("nv_inference_", ServerKind.TRITON),
            Map.entry("tgi_", ServerKind.TGI),
            Map.entry("ray_serve_", ServerKind.RAYSERVE),
            Map.entry("mlserver_", ServerKind.MLSERVER),
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
