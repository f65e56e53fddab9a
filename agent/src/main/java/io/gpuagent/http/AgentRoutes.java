package io.gpuagent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Optional;

/** The contract's endpoints. Static so tests can mount the same routing on a test server. */
public final class AgentRoutes {

    private static final String LANDING = """
            <!DOCTYPE html>
            <html><head><title>gpu-agent</title></head><body>
            <h1>gpu-agent</h1>
            <p>Node-level NVIDIA GPU metrics for Kubernetes.</p>
            <ul>
            <li><a href="metrics">/metrics</a> the latest snapshot (text, OpenMetrics, protobuf; gzip)</li>
            <li><a href="healthz">/healthz</a> liveness</li>
            <li><a href="readyz">/readyz</a> readiness</li>
            </ul>
            </body></html>
            """;

    private AgentRoutes() {
    }

    public static void routing(HttpRouting.Builder routing, PrometheusRegistry registry, Health health) {
        PrometheusScrapeHandler scrape = new PrometheusScrapeHandler(registry);
        routing.get("/metrics", (req, res) -> metrics(scrape, req, res))
                .head("/metrics", (req, res) -> metrics(scrape, req, res))
                .get("/healthz", (req, res) -> healthz(health, res))
                .get("/readyz", (req, res) -> readyz(health, res))
                .get("/", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8").send(LANDING));
    }

    private static void metrics(PrometheusScrapeHandler scrape, ServerRequest req, ServerResponse res) throws IOException {
        scrape.handleRequest(new HelidonExchange(req, res));
    }

    private static void healthz(Health health, ServerResponse res) {
        res.headers().contentType(HttpMediaTypes.PLAINTEXT_UTF_8);
        if (health.live()) {
            res.send("ok\n");
        } else {
            res.status(Status.SERVICE_UNAVAILABLE_503).send("a collection loop has stopped\n");
        }
    }

    private static void readyz(Health health, ServerResponse res) {
        res.headers().contentType(HttpMediaTypes.PLAINTEXT_UTF_8);
        Optional<String> why = health.notReadyBecause();
        if (why.isEmpty()) {
            res.send("ready\n");
        } else {
            res.status(Status.SERVICE_UNAVAILABLE_503).send(why.get() + "\n");
        }
    }
}
