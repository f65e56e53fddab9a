package io.gpuagent.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
    private static final String QWEN = "Qwen/Qwen2.5-7B-Instruct";

    private static List<Signal> run(String now, String prev) {
        ParsedMetrics current = Fixtures.parsed(now);
        return Normalizer.normalize(ServerDetector.detect(current), current,
                Optional.ofNullable(prev).map(Fixtures::parsed));
    }

    private static Signal model(List<Signal> signals, String model) {
        return signals.stream().filter(s -> s.model().equals(model)).findFirst().orElseThrow();
    }

    private static void assertValue(OptionalDouble actual, double expected) {
        assertThat(actual).isPresent();
        assertThat(actual.getAsDouble()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void vllmTwoModelsSumsEnginesAndAveragesKv() {
        List<Signal> s = run("vllm-1.txt", null);
        assertThat(s).extracting(Signal::model).containsExactly(QWEN, LLAMA);
        Signal llama = model(s, LLAMA);
        assertValue(llama.queued(), 5);
        assertValue(llama.running(), 22);
        assertValue(llama.kvCacheRatio(), 0.7);
        assertThat(llama.queueWaitSeconds()).isEmpty(); // no previous read, no window
        Signal qwen = model(s, QWEN);
        assertValue(qwen.queued(), 0);
        assertValue(qwen.running(), 4);
        assertValue(qwen.kvCacheRatio(), 0.25);
    }

    @Test
    void vllmWindowedQueueWait() {
        List<Signal> s = run("vllm-2.txt", "vllm-1.txt");
        // +100 requests, +30 s of queue time across both engines.
        assertValue(model(s, LLAMA).queueWaitSeconds(), 0.3);
        // No new requests in the window: no mean to report.
        assertThat(model(s, QWEN).queueWaitSeconds()).isEmpty();
    }

    @Test
    void vllmCounterResetGivesNoWait() {
        List<Signal> s = run("vllm-reset.txt", "vllm-2.txt");
        assertThat(s).allSatisfy(x -> assertThat(x.queueWaitSeconds()).isEmpty());
        assertValue(model(s, LLAMA).queued(), 5); // gauges are unaffected by the reset
    }

    @Test
    void vllmLegacyKvGauge() {
        Signal m = run("vllm-legacy.txt", null).getFirst();
        assertThat(m.model()).isEqualTo("mistralai/Mistral-7B-Instruct-v0.3");
        assertValue(m.kvCacheRatio(), 0.42);
        assertValue(m.queued(), 1);
        assertValue(m.running(), 7);
    }

    @Test
    void tritonWithTrtLlm() {
        List<Signal> s = run("triton-trtllm-2.txt", "triton-trtllm-1.txt");
        assertThat(s).extracting(Signal::model)
                .containsExactly("ensemble", "preprocessing", "tensorrt_llm");
        Signal trt = model(s, "tensorrt_llm");
        assertValue(trt.queued(), 6); // TRT-LLM's own waiting count beats Triton's pending 9
        assertValue(trt.running(), 16);
        assertValue(trt.kvCacheRatio(), 0.75);
        assertValue(trt.queueWaitSeconds(), 0.25); // +50 s over +200 requests
        Signal pre = model(s, "preprocessing");
        assertValue(pre.queued(), 1);
        assertThat(pre.running()).isEmpty();
        assertThat(pre.kvCacheRatio()).isEmpty();
        assertThat(pre.queueWaitSeconds()).isEmpty();
    }

    @Test
    void tritonCounterReset() {
        List<Signal> s = run("triton-trtllm-1.txt", "triton-trtllm-2.txt");
        assertThat(model(s, "tensorrt_llm").queueWaitSeconds()).isEmpty();
    }

    @Test
    void plainTritonSumsVersions() {
        ParsedMetrics before = ExpositionParser.parse("""
                nv_inference_request_success{model="resnet",version="1"} 100
                nv_inference_request_success{model="resnet",version="2"} 100
                nv_inference_queue_duration_us{model="resnet",version="1"} 1000
                nv_inference_queue_duration_us{model="resnet",version="2"} 1000
                """);
        ParsedMetrics now = ExpositionParser.parse("""
                nv_inference_pending_request_count{model="resnet",version="1"} 2
                nv_inference_pending_request_count{model="resnet",version="2"} 3
                nv_inference_request_success{model="resnet",version="1"} 110
                nv_inference_request_success{model="resnet",version="2"} 110
                nv_inference_queue_duration_us{model="resnet",version="1"} 3000
                nv_inference_queue_duration_us{model="resnet",version="2"} 5000
                """);
        assertThat(ServerDetector.detect(now)).isEqualTo(ServerKind.TRITON);
        Signal r = Normalizer.normalize(ServerKind.TRITON, now, Optional.of(before)).getFirst();
        assertThat(r.model()).isEqualTo("resnet");
        assertValue(r.queued(), 5);
        assertThat(r.running()).isEmpty();
        assertValue(r.queueWaitSeconds(), 6000e-6 / 20);
    }

    @Test
    void tgiHasNoModelLabel() {
        List<Signal> s = run("tgi-2.txt", "tgi-1.txt");
        assertThat(s).singleElement().satisfies(t -> {
            assertThat(t.model()).isEmpty();
            assertValue(t.queued(), 7);
            assertValue(t.running(), 8);
            assertThat(t.kvCacheRatio()).isEmpty();
            assertValue(t.queueWaitSeconds(), 0.2);
        });
    }

    @Test
    void sglang() {
        Signal s = run("sglang-2.txt", "sglang-1.txt").getFirst();
        assertThat(s.model()).isEqualTo("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B");
        assertValue(s.queued(), 5);
        assertValue(s.running(), 18);
        assertValue(s.kvCacheRatio(), 0.57);
        assertValue(s.queueWaitSeconds(), 0.05);
    }

    @Test
    void sameReadTwiceHasNoNewRequests() {
        List<Signal> s = run("tgi-1.txt", "tgi-1.txt");
        assertThat(s.getFirst().queueWaitSeconds()).isEmpty();
    }

    @Test
    void nanGaugesAreSkippedAndRatiosClamped() {
        ParsedMetrics m = ExpositionParser.parse("""
                vllm:num_requests_waiting{model_name="m"} NaN
                vllm:num_requests_running{model_name="m"} 2
                vllm:kv_cache_usage_perc{model_name="m"} 1.5
                """);
        Signal s = Normalizer.normalize(ServerKind.VLLM, m, Optional.empty()).getFirst();
        assertThat(s.queued()).isEmpty();
        assertValue(s.kvCacheRatio(), 1.0);
    }

    /**
     * Found by ServingSignalsPropertiesTest: finite values whose sum overflows gave queued=+Inf, and a window
     * whose deltas overflow gave an infinite (or NaN) wait. Such a signal is absent, like a NaN gauge.
     */
    @Test
    void overflowingSumsAndWindowsAreAbsentNotInfinite() {
        ParsedMetrics prev = ExpositionParser.parse("""
                vllm:request_queue_time_seconds_sum{model_name="m"} -1.7976931348623157e+308
                vllm:request_queue_time_seconds_count{model_name="m"} 1
                vllm:request_queue_time_seconds_sum{model_name="n"} 0
                vllm:request_queue_time_seconds_count{model_name="n"} 0
                """);
        ParsedMetrics now = ExpositionParser.parse("""
                vllm:num_requests_waiting{model_name="m"} 1.7976931348623157e+308
                vllm:num_requests_waiting{model_name="m"} 1.3004693171559308e+292
                vllm:num_requests_running{model_name="m"} 3
                vllm:request_queue_time_seconds_sum{model_name="m"} 1.7976931348623157e+308
                vllm:request_queue_time_seconds_count{model_name="m"} 2
                vllm:request_queue_time_seconds_sum{model_name="n"} 1e300
                vllm:request_queue_time_seconds_count{model_name="n"} 1e-300
                """);
        List<Signal> signals = Normalizer.normalize(ServerKind.VLLM, now, Optional.of(prev));
        Signal m = model(signals, "m");
        assertThat(m.queued()).isEmpty();
        assertValue(m.running(), 3);
        assertThat(m.queueWaitSeconds()).isEmpty();
        assertThat(signals).extracting(Signal::model).containsExactly("m"); // n: its only signal overflowed
    }

    @Test
    void trtllmServe() {
        List<Signal> s = run("trtllm-serve-2.txt", "trtllm-serve-1.txt");
        assertThat(s).singleElement().satisfies(t -> {
            assertThat(t.model()).isEqualTo("Qwen/Qwen3-8B");
            assertValue(t.queued(), 6);
            assertValue(t.running(), 16);
            assertValue(t.kvCacheRatio(), 0.75); // 3000 of 4000 blocks
            // +100 requests (400 -> 500), +25 s of queue time (20 -> 45): 0.25 s each.
            assertValue(t.queueWaitSeconds(), 0.25);
        });
    }

    @Test
    void torchserveHasOnlyTheWindowedWait() {
        // Without a previous read there is no window, and TorchServe has nothing else to map.
        assertThat(run("torchserve-1.txt", null)).isEmpty();
        List<Signal> s = run("torchserve-2.txt", "torchserve-1.txt");
        assertThat(s).extracting(Signal::model).containsExactly("bert", "resnet-18");
        Signal resnet = model(s, "resnet-18");
        // Versions 1.0 and 2.0 summed: +80 +20 = +100 requests, +3e6 +2e6 us = +5 s: 0.05 s.
        assertValue(resnet.queueWaitSeconds(), 0.05);
        assertThat(resnet.queued()).isEmpty();
        assertThat(resnet.running()).isEmpty();
        assertThat(resnet.kvCacheRatio()).isEmpty();
        // +40 requests, +8e6 us = +8 s: 0.2 s (the host-wide QueueTime gauge is not used).
        assertValue(model(s, "bert").queueWaitSeconds(), 0.2);
    }

    @Test
    void rayServeByApplicationAndDeployment() {
        List<Signal> s = run("rayserve-2.txt", "rayserve-1.txt");
        assertThat(s).extracting(Signal::model).containsExactly("chat/LLMServer", "embed/Embedder");
        Signal chat = model(s, "chat/LLMServer");
        assertValue(chat.queued(), 7); // two handles: 5 + 2
        assertValue(chat.running(), 16); // two replicas: 9 + 7, not the router-side ongoing 18
        assertThat(chat.kvCacheRatio()).isEmpty();
        // Two routers: +100 +50 = +150 requests, +24000 +6000 = +30000 ms: 200 ms.
        assertValue(chat.queueWaitSeconds(), 0.2);
        Signal embed = model(s, "embed/Embedder");
        assertValue(embed.queued(), 1);
        assertValue(embed.running(), 3);
        assertValue(embed.queueWaitSeconds(), 0.005); // +500 ms over +100 requests
    }

    @Test
    void rayServeCounterResetGivesNoWait() {
        List<Signal> s = run("rayserve-reset.txt", "rayserve-2.txt");
        assertThat(s).extracting(Signal::model).containsExactly("chat/LLMServer", "embed/Embedder");
        assertThat(s).allSatisfy(x -> assertThat(x.queueWaitSeconds()).isEmpty());
        assertValue(model(s, "chat/LLMServer").queued(), 2); // gauges are unaffected
        assertValue(model(s, "chat/LLMServer").running(), 4);
        assertValue(model(s, "embed/Embedder").running(), 0);
    }

    @Test
    void mlserverHasNothingToMap() {
        // Its queue series are histograms of the depth seen on arrival, not the current depth.
        ParsedMetrics now = Fixtures.parsed("mlserver-1.txt");
        assertThat(Normalizer.normalize(ServerKind.MLSERVER, now, Optional.of(now))).isEmpty();
    }

    @Test
    void unmappedKindsGiveNothing() {
        ParsedMetrics m = Fixtures.parsed("vllm-1.txt");
        for (ServerKind k : List.of(ServerKind.GENERIC, ServerKind.TORCHSERVE,
                ServerKind.RAYSERVE, ServerKind.MLSERVER)) {
            assertThat(Normalizer.normalize(k, m, Optional.empty())).isEmpty();
        }
        assertThat(Normalizer.normalize(ServerKind.VLLM, ParsedMetrics.EMPTY, Optional.empty()))
                .isEmpty();
    }
}
