package io.gpuagent.http;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** The HTTP server's connections: how many are open against the limit, and why clients' connections were closed. */
final class ConnectionMetrics implements MultiCollector {

    private final ConnectionGuard guard;

    ConnectionMetrics(ConnectionGuard guard) {
        this.guard = guard;
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder rejected = CounterSnapshot.builder().name("gpu_agent_http_rejected_connections")
                .help("Client connections the agent closed or refused for what the client did, by reason:"
                        + " connection_limit, header_timeout, idle_timeout, write_timeout, incomplete_request,"
                        + " bad_request, tls_error.");
        for (Rejection r : Rejection.values()) {
            rejected.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("reason", r.label())).value(guard.rejected(r)).build());
        }
        return MetricSnapshots.of(
                GaugeSnapshot.builder().name("gpu_agent_http_connections")
                        .help("Client connections open now, counted against --http-max-connections.")
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(guard.open()).build()).build(),
                GaugeSnapshot.builder().name("gpu_agent_http_max_connections")
                        .help("The limit on client connections (--http-max-connections).")
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .value(guard.limits().maxConnections()).build()).build(),
                rejected.build());
    }
}
