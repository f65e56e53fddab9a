package io.gpuagent.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerDetectorTest {

    @ParameterizedTest
    @CsvSource({
        "vllm-1.txt, VLLM",
        "vllm-legacy.txt, VLLM",
        "triton-trtllm-1.txt, TRTLLM",
        "tgi-1.txt, TGI",
        "sglang-1.txt, SGLANG",
        "trtllm-serve-1.txt, TRTLLM",
        "torchserve-1.txt, TORCHSERVE",
        "rayserve-1.txt, RAYSERVE",
        "mlserver-1.txt, MLSERVER",
    })
    void fixtures(String fixture, ServerKind kind) {
        assertThat(ServerDetector.detect(Fixtures.parsed(fixture))).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({
        "nv_inference_request_success{model=\"m\"} 1, TRITON",
        "ts_inference_requests_total 1, TORCHSERVE",
        "ray_serve_num_router_requests_total 1, RAYSERVE",
        "mlserver_queue_request_counter 1, MLSERVER",
        "parallel_request_queue_count 1, MLSERVER",
        "model_infer_request_success_total{model=\"iris\"} 1, MLSERVER",
        "trtllm_num_requests_waiting{model_name=\"m\"} 1, TRTLLM",
        "process_cpu_seconds_total 1, GENERIC",
        "python_gc_objects_collected_total 1, GENERIC",
    })
    void singleNames(String line, ServerKind kind) {
        assertThat(ServerDetector.detect(ExpositionParser.parse(line))).isEqualTo(kind);
    }

    @Test
    void emptyOrNullIsGeneric() {
        assertThat(ServerDetector.detect(ParsedMetrics.EMPTY)).isEqualTo(ServerKind.GENERIC);
        assertThat(ServerDetector.detect(null)).isEqualTo(ServerKind.GENERIC);
    }

    @Test
    void labelsAreTheContractValues() {
        assertThat(ServerKind.TRTLLM.label()).isEqualTo("trtllm");
        assertThat(ServerKind.RAYSERVE.label()).isEqualTo("rayserve");
    }
}
