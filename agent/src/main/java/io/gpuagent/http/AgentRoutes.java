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

    /**
     * Rendering runs on these platform threads, not on Helidon's virtual request threads: on a virtual
     * thread JDK 25's BufferedWriter (which the text formats write through) starts at 512 chars and
     * re-allocates to exactly the size needed on every write past it, copying ~10 MB for a 50 KB page
     * (JFR, 2026-11-24: 1.5 ms instead of 0.1 ms per scrape, a young GC every 16 ms under load).
     * As many threads as cores: rendering is pure CPU, more would only queue at the cores.
     */
    private static final java.util.concurrent.ExecutorService RENDER = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().daemon().name("render-metrics-", 0).factory());

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
        HelidonExchange exchange = new HelidonExchange(req, res);
        java.util.concurrent.Future<?> rendering = RENDER.submit(() -> {
            scrape.handleRequest(exchange);
            return null;
        });
        try {
            rendering.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            exchange.handleException(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            rendering.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering /metrics", e);
        }
        exchange.commit();
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
