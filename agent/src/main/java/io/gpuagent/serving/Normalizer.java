package io.gpuagent.serving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Maps each server's own metrics onto the contract's serving signals, one {@link Signal} per
 * model. Counts are summed over the server's internal labels (engine, version, ...) because an
 * autoscaler cares about the pod's total; ratios are averaged because a sum of ratios means
 * nothing. Queue wait is a windowed mean (delta of a time total over delta of a request count
 * between two reads) because the lifetime mean hides a queue that has just started to build.
 */
public final class Normalizer {

    private static final Predicate<Sample> ALL = s -> true;

    private Normalizer() {}

    public static List<Signal> normalize(
            ServerKind kind, ParsedMetrics now, Optional<ParsedMetrics> previous) {
        if (kind == null || now == null) {
            return List.of();
        }
        ParsedMetrics prev = previous == null ? null : previous.orElse(null);
        Signals out = new Signals();
        switch (kind) {
            case VLLM -> vllm(now, prev, out);
            case TRITON -> triton(now, prev, out);
            case TRTLLM -> {
                // Triton's TRT-LLM backend and trtllm-serve use disjoint names; at most one matches.
                triton(now, prev, out);
                trtllmServe(now, prev, out);
            }
            case TGI -> tgi(now, prev, out);
            case SGLANG -> sglang(now, prev, out);
            case TORCHSERVE -> torchserve(now, prev, out);
            case RAYSERVE -> rayserve(now, prev, out);
            // MLServer's queue metrics are histograms of the queue size seen by each arriving
            // request (batch_request_queue, parallel_request_queue), not the current depth, and
            // it has no queue-time, per-model in-flight or KV-cache series: nothing to map.
            // GENERIC is mapped from annotations instead (generic(...)).
            case MLSERVER, GENERIC -> { }
        }
        return out.build();
    }

    /** A server mapped by its pod's annotations ({@link GenericMapping}). */
    public static List<Signal> generic(ParsedMetrics now, GenericMapping mapping) {
        if (now == null || mapping == null || mapping.isEmpty()) {
            return List.of();
        }
        String model = mapping.modelLabel().orElse(null);
        Signals out = new Signals();
        mapping.queued().ifPresent(n -> out.queued.putAll(sum(now, n, model, ALL)));
        mapping.running().ifPresent(n -> out.running.putAll(sum(now, n, model, ALL)));
        mapping.kvCache().ifPresent(n -> out.kv.putAll(mean(now, n, model, ALL)));
        return out.build();
    }

    private static void vllm(ParsedMetrics now, ParsedMetrics prev, Signals out) {
        String model = "model_name";
        out.queued.putAll(sum(now, "vllm:num_requests_waiting", model, ALL));
        out.running.putAll(sum(now, "vllm:num_requests_running", model, ALL));
        // vLLM renamed the gauge (V1 engine); older servers only have the gpu_ name.
        out.kv.putAll(mean(now, "vllm:gpu_cache_usage_perc", model, ALL));
        out.kv.putAll(mean(now, "vllm:kv_cache_usage_perc", model, ALL));
        out.wait.putAll(window(now, prev, "vllm:request_queue_time_seconds_sum",
                "vllm:request_queue_time_seconds_count", model, 1.0));
    }

    private static void triton(ParsedMetrics now, ParsedMetrics prev, Signals out) {
        String model = "model";
        out.queued.putAll(sum(now, "nv_inference_pending_request_count", model, ALL));
        // The TRT-LLM backend knows its in-flight batcher's own queue, which is more precise
        // than Triton's pending count for the same model, so it wins where present.
        out.queued.putAll(sum(now, "nv_trt_llm_request_metrics", model,
                s -> s.label("request_type").equals("waiting")));
        out.running.putAll(sum(now, "nv_trt_llm_request_metrics", model,
                s -> s.label("request_type").equals("scheduled")));
        out.kv.putAll(mean(now, "nv_trt_llm_kv_cache_block_metrics", model,
                s -> s.label("kv_cache_block_type").equals("fraction")));
        out.wait.putAll(window(now, prev, "nv_inference_queue_duration_us",
                "nv_inference_request_success", model, 1e-6));
    }

    private static void tgi(ParsedMetrics now, ParsedMetrics prev, Signals out) {
        // TGI serves exactly one model and does not label it: model stays "".
        out.queued.putAll(sum(now, "tgi_queue_size", null, ALL));
        out.running.putAll(sum(now, "tgi_batch_current_size", null, ALL));
        out.wait.putAll(window(now, prev, "tgi_request_queue_duration_sum",
                "tgi_request_queue_duration_count", null, 1.0));
    }

    private static void sglang(ParsedMetrics now, ParsedMetrics prev, Signals out) {
        String model = "model_name";
        out.queued.putAll(sum(now, "sglang:num_queue_reqs", model, ALL));
        out.running.putAll(sum(now, "sglang:num_running_reqs", model, ALL));
        out.kv.putAll(mean(now, "sglang:token_usage", model, ALL));
        // Only newer SGLang versions expose this histogram; absent means no wait signal.
        out.wait.putAll(window(now, prev, "sglang:queue_time_seconds_sum",
                "sglang:queue_time_seconds_count", model, 1.0));
    }

    /**
     * trtllm-serve's own endpoint ({@code /prometheus/metrics}, {@code trtllm_} prefix). The gauges
     * come from iteration stats ({@code enable_iter_perf_stats}) and the queue-time histogram from
     * per-request perf metrics ({@code return_perf_metrics}); without those options the series are
     * absent and so are the signals.
     */
    private static void trtllmServe(ParsedMetrics now, ParsedMetrics prev, Signals out) {
        String model = "model_name";
        out.queued.putAll(sum(now, "trtllm_num_requests_waiting", model, ALL));
        out.running.putAll(sum(now, "trtllm_num_requests_running", model, ALL));
        // Used over max KV-cache blocks, already a 0..1 fraction.
        out.kv.putAll(mean(now, "trtllm_kv_cache_utilization", model, ALL));
        out.wait.putAll(window(now, prev, "trtllm_request_queue_time_seconds_sum",
                "trtllm_request_queue_time_seconds_count", model, 1.0));
    }

    private static void torchserve(ParsedMetrics now, ParsedMetrics prev, Signals out) {
        // TorchServe's Prometheus output has no queue-depth, in-flight or KV-cache series (the
        // QueueTime gauge is the last job's wait on the host, not per model): only the wait.
        // Both are counters summed over model_version and hostname. The request count rises on
        // arrival, the queue total on completion, so a window that catches a burst arriving
        // reads low until those requests finish.
        out.wait.putAll(window(now, prev, "ts_queue_latency_microseconds",
                "ts_inference_requests_total", "model_name", 1e-6));
    }

    private static void rayserve(ParsedMetrics now, ParsedMetrics prev, Signals out) {
        // A deployment name is unique only within its application, so both name the "model"
        // (as Ray's own dashboards group them). Router-side series (queue, wait) are reported by
        // the proxies and handles whose process runs in the scraped pod, summed over them.
        Function<Sample, String> model = s -> {
            String app = s.label("application");
            String deployment = s.label("deployment");
            return app.isEmpty() ? deployment : app + "/" + deployment;
        };
        out.queued.putAll(sumBy(now, "ray_serve_deployment_queued_queries", model, ALL));
        out.running.putAll(sumBy(now, "ray_serve_replica_processing_queries", model, ALL));
        // Ray Serve has no KV-cache series of its own. The router's fulfillment time (waiting to
        // be assigned a replica) is a newer histogram; older Ray has no wait signal.
        out.wait.putAll(windowBy(now, prev, "ray_serve_request_router_fulfillment_time_ms_sum",
                "ray_serve_request_router_fulfillment_time_ms_count", model, 1e-3));
    }

    /**
     * Sum of the finite values of matching samples, per model; models with none are absent, and so are models
     * whose sum overflows (finite values near Double.MAX_VALUE): an infinite count is no count.
     */
    static Map<String, Double> sum(
            ParsedMetrics m, String name, String modelLabel, Predicate<Sample> filter) {
        return sumBy(m, name, label(modelLabel), filter);
    }

    private static Map<String, Double> sumBy(
            ParsedMetrics m, String name, Function<Sample, String> model, Predicate<Sample> filter) {
        Map<String, Double> out = new HashMap<>();
        for (Sample s : m.get(name)) {
            if (filter.test(s) && Double.isFinite(s.value())) {
                out.merge(model.apply(s), s.value(), Double::sum);
            }
        }
        out.values().removeIf(v -> !Double.isFinite(v));
        return out;
    }

    /** Mean of matching finite values per model, clamped to 0..1 as the contract promises. */
    static Map<String, Double> mean(
            ParsedMetrics m, String name, String modelLabel, Predicate<Sample> filter) {
        Map<String, double[]> acc = new HashMap<>();
        for (Sample s : m.get(name)) {
            if (filter.test(s) && Double.isFinite(s.value())) {
                double[] a = acc.computeIfAbsent(modelOf(s, modelLabel), k -> new double[2]);
                a[0] += s.value();
                a[1]++;
            }
        }
        Map<String, Double> out = new HashMap<>();
        acc.forEach((k, a) -> out.put(k, Math.min(1.0, Math.max(0.0, a[0] / a[1]))));
        return out;
    }

    /**
     * Windowed mean: (total now - total before) / (count now - count before) * scale, per model.
     * Absent without a previous read, without new requests, or when either counter went down
     * (a server restart resets counters; a negative delta is not a wait).
     */
    static Map<String, Double> window(ParsedMetrics now, ParsedMetrics prev, String totalName,
            String countName, String modelLabel, double scale) {
        return windowBy(now, prev, totalName, countName, label(modelLabel), scale);
    }

    private static Map<String, Double> windowBy(ParsedMetrics now, ParsedMetrics prev,
            String totalName, String countName, Function<Sample, String> modelOf, double scale) {
        Map<String, Double> out = new HashMap<>();
        if (prev == null) {
            return out;
        }
        Map<String, Double> totalNow = sumBy(now, totalName, modelOf, ALL);
        Map<String, Double> countNow = sumBy(now, countName, modelOf, ALL);
        Map<String, Double> totalPrev = sumBy(prev, totalName, modelOf, ALL);
        Map<String, Double> countPrev = sumBy(prev, countName, modelOf, ALL);
        for (Map.Entry<String, Double> e : countNow.entrySet()) {
            String model = e.getKey();
            if (!totalNow.containsKey(model) || !totalPrev.containsKey(model)
                    || !countPrev.containsKey(model)) {
                continue;
            }
            double dCount = e.getValue() - countPrev.get(model);
            double dTotal = totalNow.get(model) - totalPrev.get(model);
            double wait = dTotal / dCount * scale;
            // Deltas of huge counters can overflow, and a tiny count delta can blow the quotient up.
            if (dCount > 0 && dTotal >= 0 && Double.isFinite(wait)) {
                out.put(model, wait);
            }
        }
        return out;
    }

    private static String modelOf(Sample s, String modelLabel) {
        return modelLabel == null ? "" : s.label(modelLabel);
    }

    private static Function<Sample, String> label(String modelLabel) {
        return s -> modelOf(s, modelLabel);
    }

    /** Per-signal maps keyed by model, joined into one Signal per model at the end. */
    private static final class Signals {
        final Map<String, Double> queued = new HashMap<>();
        final Map<String, Double> running = new HashMap<>();
        final Map<String, Double> kv = new HashMap<>();
        final Map<String, Double> wait = new HashMap<>();

        List<Signal> build() {
            // Sorted by model so output (and the exported series order) is stable across reads.
            Map<String, Boolean> models = new TreeMap<>();
            for (Map<String, Double> m : List.of(queued, running, kv, wait)) {
                m.keySet().forEach(k -> models.put(k, true));
            }
            List<Signal> out = new ArrayList<>();
            for (String model : models.keySet()) {
                out.add(new Signal(model, opt(queued, model), opt(running, model),
                        opt(kv, model), opt(wait, model)));
            }
            return List.copyOf(out);
        }

        private static OptionalDouble opt(Map<String, Double> m, String model) {
            Double v = m.get(model);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }
    }
}
