package io.gpuagent.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of what {@link ServerDetector} and {@link Normalizer} make of parsed pages: a page written in one
 * server's vocabulary is detected as that server, and whatever the values (NaN, infinities, huge, tiny, negative,
 * counters that went down), the signals are finite, ratios within 0..1, waits not negative, one per model.
 */
class ServingSignalsPropertiesTest {

    /** Each server's series, as {@code name|model label}; its first name carries the detecting prefix. */
    private static final Map<ServerKind, List<String>> VOCABULARY = Map.of(
            ServerKind.VLLM, List.of("vllm:num_requests_waiting|model_name", "vllm:num_requests_running|model_name",
                    "vllm:gpu_cache_usage_perc|model_name", "vllm:kv_cache_usage_perc|model_name",
                    "vllm:request_queue_time_seconds_sum|model_name", "vllm:request_queue_time_seconds_count|model_name"),
            ServerKind.TRITON, List.of("nv_inference_pending_request_count|model",
                    "nv_inference_queue_duration_us|model", "nv_inference_request_success|model"),
            ServerKind.TRTLLM, List.of("nv_trt_llm_request_metrics|model", "nv_trt_llm_kv_cache_block_metrics|model",
                    "nv_inference_pending_request_count|model", "nv_inference_queue_duration_us|model",
                    "nv_inference_request_success|model", "trtllm_num_requests_waiting|model_name",
                    "trtllm_kv_cache_utilization|model_name", "trtllm_request_queue_time_seconds_sum|model_name",
                    "trtllm_request_queue_time_seconds_count|model_name"),
            ServerKind.TGI, List.of("tgi_queue_size|", "tgi_batch_current_size|", "tgi_request_queue_duration_sum|",
                    "tgi_request_queue_duration_count|"),
            ServerKind.SGLANG, List.of("sglang:num_queue_reqs|model_name", "sglang:num_running_reqs|model_name",
                    "sglang:token_usage|model_name", "sglang:queue_time_seconds_sum|model_name",
                    "sglang:queue_time_seconds_count|model_name"),
            ServerKind.TORCHSERVE, List.of("ts_queue_latency_microseconds|model_name",
                    "ts_inference_requests_total|model_name"),
            ServerKind.RAYSERVE, List.of("ray_serve_deployment_queued_queries|deployment",
                    "ray_serve_replica_processing_queries|deployment",
                    "ray_serve_request_router_fulfillment_time_ms_sum|deployment",
                    "ray_serve_request_router_fulfillment_time_ms_count|deployment"),
            ServerKind.MLSERVER, List.of("parallel_request_queue_bucket|model_name",
                    "model_infer_request_success|model_name"));

    record Reads(ServerKind kind, String now, String previous) {
    }

    @Test
    void aPageInOneServersVocabularyIsDetectedAsThatServer() {
        Properties.forAll("a page in one server's vocabulary is detected as that server", Properties.TRIES,
                ServingSignalsPropertiesTest::reads,
                r -> assertThat(ServerDetector.detect(ExpositionParser.parse(r.now()))).as(r.now()).isEqualTo(r.kind()));
    }

    @Test
    void signalsAreFiniteAndInRangeWhateverTheValues() {
        record WithPrevious(Reads reads, boolean withPrevious) {
        }
        Properties.forAll("signals are finite and in range whatever the values", Properties.TRIES,
                r -> new WithPrevious(reads(r), r.nextBoolean()), w -> {
                    Reads r = w.reads();
                    ParsedMetrics now = ExpositionParser.parse(r.now());
                    Optional<ParsedMetrics> prev = w.withPrevious() ? Optional.of(ExpositionParser.parse(r.previous()))
                            : Optional.empty();
                    for (ServerKind kind : ServerKind.values()) {
                        checkSignals(Normalizer.normalize(kind, now, prev));
                    }
                    String[] names = VOCABULARY.get(r.kind()).getFirst().split("\\|", -1);
                    checkSignals(Normalizer.generic(now, new GenericMapping(Optional.of(names[0]), Optional.of(names[0]),
                            Optional.of(names[0]), Optional.of(names.length > 1 ? names[1] : "model"))));
                });
    }

    @Test
    void noiseOnlyPagesAreGeneric() {
        Properties.forAll("noise-only pages are generic", Properties.TRIES,
                r -> Gen.list(r, 0, 20, ServingSignalsPropertiesTest::noiseName), names -> {
                    StringBuilder page = new StringBuilder();
                    names.forEach(n -> page.append(n).append(" 1\n"));
                    assertThat(ServerDetector.detect(ExpositionParser.parse(page.toString())))
                            .isEqualTo(ServerKind.GENERIC);
                    assertThat(Normalizer.normalize(ServerKind.VLLM, ExpositionParser.parse(page.toString()),
                            Optional.empty())).isEmpty();
                });
    }

    private static void checkSignals(List<Signal> signals) {
        List<String> models = new ArrayList<>();
        for (Signal s : signals) {
            models.add(s.model());
            finite(s.queued(), s);
            finite(s.running(), s);
            finite(s.kvCacheRatio(), s);
            finite(s.queueWaitSeconds(), s);
            s.kvCacheRatio().ifPresent(v -> assertThat(v).as("%s", s).isBetween(0.0, 1.0));
            s.queueWaitSeconds().ifPresent(v -> assertThat(v).as("%s", s).isGreaterThanOrEqualTo(0.0));
        }
        assertThat(models).doesNotHaveDuplicates().isSorted();
    }

    private static void finite(OptionalDouble v, Signal s) {
        v.ifPresent(d -> assertThat(Double.isFinite(d)).as("%s", s).isTrue());
    }

    /** Values as servers write them, and the hostile ones: NaN, infinities, extremes, tiny, negative. */
    static String value(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> Gen.oneOf(r, "0", "-0", "1", "-1", "NaN", "+Inf", "-Inf", "1.7976931348623157e+308",
                    "-1.7976931348623157e+308", "4.9e-324", "1e-300", "1e300", "0.5", "2", "100", "123456789");
            case 1 -> Double.toString(Gen.anyDouble(r));
            default -> Integer.toString(r.nextInt(1001));
        };
    }

    private static final List<ServerKind> KINDS = VOCABULARY.keySet().stream().sorted().toList();

    /** Two reads (now and the previous one) of a page in one server's vocabulary, its detecting series first. */
    static Reads reads(SplittableRandom r) {
        ServerKind kind = Gen.oneOf(r, KINDS);
        return new Reads(kind, page(r, kind), page(r, kind));
    }

    private static String page(SplittableRandom r, ServerKind kind) {
        List<String> vocabulary = VOCABULARY.get(kind);
        List<String> lines = Gen.list(r, 0, 30, l -> {
            String[] p = Gen.oneOf(l, vocabulary).split("\\|", -1);
            String model = Gen.oneOf(l, "", "llama", "mistral", "a/b", "\\\"q\\\"");
            String type = Gen.oneOf(l, "", "waiting", "scheduled", "fraction", "used");
            String app = Gen.oneOf(l, "", "app1");
            String labels = (p[1].isEmpty() ? "" : p[1] + "=\"" + model + "\",") + "request_type=\"" + type
                    + "\",kv_cache_block_type=\"" + type + "\",application=\"" + app + "\"";
            return p[0] + "{" + labels + "} " + value(l);
        });
        // The detecting series first, so the page is that server's whatever else is drawn.
        String first = vocabulary.getFirst().split("\\|", -1)[0] + " 0";
        return first + "\n" + String.join("\n", lines) + "\n";
    }

    /** A name no server's vocabulary starts with. */
    static String noiseName(SplittableRandom r) {
        while (true) {
            String n = Gen.from(r, "abcdefghijklmnopqrstuvwxyz_", 1, 20);
            if (!n.startsWith("ts_") && !n.startsWith("tgi_") && !n.startsWith("trtllm_")
                    && !n.startsWith("mlserver_") && !n.startsWith("ray_serve_") && !n.startsWith("nv_")
                    && !n.startsWith("parallel_request_queue") && !n.startsWith("batch_request_queue")
                    && !n.startsWith("model_infer_request_")) {
                return n;
            }
        }
    }
}
