package io.gpuagent.export;

import io.gpuagent.serving.ServingSource.TargetReading;
import io.gpuagent.serving.Signal;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The contract's serving signals: one vocabulary over every inference server, labelled with the
 * workload to scale ({@code namespace}, {@code pod}, {@code workload}, {@code workload_kind},
 * {@code server}, and {@code model} where the server reports one).
 */
final class ServingFamilies {

    /** The families, by the names {@code /metrics} shows. */
    static final List<String> NAMES = List.of("inference_up", "inference_queued_requests", "inference_running_requests",
            "inference_kv_cache_utilization_ratio", "inference_queue_wait_seconds");

    private ServingFamilies() {
    }

    static List<MetricSnapshot> render(List<TargetReading> readings) {
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("inference_up")
                .help("1 when the last read of the pod's inference metrics endpoint succeeded.");
        GaugeSnapshot.Builder queued = GaugeSnapshot.builder().name("inference_queued_requests")
                .help("Requests waiting, not yet executing.");
        GaugeSnapshot.Builder running = GaugeSnapshot.builder().name("inference_running_requests")
                .help("Requests executing (in the batch).");
        GaugeSnapshot.Builder kv = GaugeSnapshot.builder().name("inference_kv_cache_utilization_ratio")
                .help("KV-cache utilization, 0 to 1, where the server reports it.").unit(Unit.RATIO);
        GaugeSnapshot.Builder wait = GaugeSnapshot.builder().name("inference_queue_wait_seconds")
                .help("Mean queue wait of the requests that left the queue since the previous read.").unit(Unit.SECONDS);
        Set<Labels> seen = new HashSet<>();
        for (TargetReading r : readings) {
            Labels target = Labels.of("namespace", r.target().namespace(), "pod", r.target().pod(),
                    "workload", r.target().workload(), "workload_kind", r.target().workloadKind(),
                    "server", r.server().label());
            if (!seen.add(target)) {
                continue; // two endpoints of one pod: the first counts
            }
            up.dataPoint(GaugeDataPointSnapshot.builder().labels(target).value(r.up() ? 1 : 0).build());
            for (Signal s : r.signals()) {
                Labels l = s.model().isEmpty() ? target : target.add("model", s.model());
                point(queued, l, s.queued());
                point(running, l, s.running());
                point(kv, l, s.kvCacheRatio());
                point(wait, l, s.queueWaitSeconds());
            }
        }
        return List.of(up.build(), queued.build(), running.build(), kv.build(), wait.build());
    }

    private static void point(GaugeSnapshot.Builder b, Labels l, OptionalDouble v) {
        v.ifPresent(x -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(x).build()));
    }
}
