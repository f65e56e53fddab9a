package io.gpuagent.serving;

/** Inference server families; {@link #label()} is the value of the {@code server} label. */
public enum ServerKind {
    TRITON, VLLM, TGI, SGLANG, TRTLLM, TORCHSERVE, RAYSERVE, MLSERVER, GENERIC;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
