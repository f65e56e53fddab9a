package io.gpuagent.web;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** The web-config reload state, so a certificate rotation that did not load can be alerted on before it expires. */
public final class WebConfigMetrics implements MultiCollector {

    private final WebConfigWatcher watcher;

    public WebConfigMetrics(WebConfigWatcher watcher) {
        this.watcher = watcher;
    }

    @Override
    public MetricSnapshots collect() {
        return MetricSnapshots.of(
                GaugeSnapshot.builder().name("gpu_agent_web_config_last_reload_successful")
                        .help("0 after a change of the web-config file (or a file it names) that could not be applied.")
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .value(watcher.lastReloadSuccessful() ? 1 : 0).build()).build(),
                CounterSnapshot.builder().name("gpu_agent_web_config_reloads")
                        .help("Changes of the web-config file (or a file it names) applied since start.")
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .value(watcher.reloads()).build()).build());
    }
}
