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
        routing(routing, registry, health, Optional.empty());
    }

    /**
     * @param generation what the registry's page is made of ({@code AgentCollector.generation()}): when
     *     given, a page rendered for one Accept/Accept-Encoding is sent again, unrendered, to the next
     *     GET of the same kind until the generation changes (every collection)
     */
    public static void routing(HttpRouting.Builder routing, PrometheusRegistry registry, Health health,
            Optional<java.util.function.Supplier<java.util.List<Object>>> generation) {
        PrometheusScrapeHandler scrape = new PrometheusScrapeHandler(registry);
        RenderCache cache = new RenderCache(generation);
        routing.get("/metrics", (req, res) -> metrics(scrape, cache, req, res))
                .head("/metrics", (req, res) -> metrics(scrape, RenderCache.NONE, req, res))
                .get("/healthz", (req, res) -> healthz(health, res))
                .get("/readyz", (req, res) -> readyz(health, res))
                .get("/", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8").send(LANDING));
    }

    private static void metrics(PrometheusScrapeHandler scrape, RenderCache cache, ServerRequest req, ServerResponse res)
            throws IOException {
        Optional<String> key = cache.key(req);
        java.util.List<Object> generation = cache.generation();
        Optional<HelidonExchange.Captured> hit = key.flatMap(k -> cache.get(k, generation));
        if (hit.isPresent()) {
            HelidonExchange.send(res, hit.get());
            return;
        }
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
        if (key.isPresent()) {
            exchange.captured().ifPresent(c -> cache.put(key.get(), generation, c));
        }
        exchange.commit();
    }

    /**
     * Rendered pages by request kind, for the generation they were rendered from: with many scrapers
     * (or Prometheus HA pairs) each collection is rendered once per kind instead of once per scrape.
     * Only plain GETs (no {@code name[]} filter) are kept; at most 16 kinds.
     */
    static final class RenderCache {
        static final RenderCache NONE = new RenderCache(Optional.empty());

        private record Entry(java.util.List<Object> generation, HelidonExchange.Captured page) {
        }

        private final Optional<java.util.function.Supplier<java.util.List<Object>>> generation;
        private final java.util.concurrent.ConcurrentHashMap<String, Entry> pages = new java.util.concurrent.ConcurrentHashMap<>();

        RenderCache(Optional<java.util.function.Supplier<java.util.List<Object>>> generation) {
            this.generation = generation;
        }

        java.util.List<Object> generation() {
            return generation.map(java.util.function.Supplier::get).orElse(null);
        }

        Optional<String> key(ServerRequest req) {
            if (generation.isEmpty() || !req.query().rawValue().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(header(req, HeaderNames.ACCEPT) + "\n" + header(req, HeaderNames.ACCEPT_ENCODING));
        }

        private static String header(ServerRequest req, io.helidon.http.HeaderName name) {
            return req.headers().contains(name) ? String.join(",", req.headers().get(name).allValues()) : "";
        }

        Optional<HelidonExchange.Captured> get(String key, java.util.List<Object> current) {
            Entry e = pages.get(key);
            return e != null && io.gpuagent.export.AgentCollector.sameGeneration(e.generation(), current)
                    ? Optional.of(e.page()) : Optional.empty();
        }

        void put(String key, java.util.List<Object> from, HelidonExchange.Captured page) {
            if (pages.size() >= 16 && !pages.containsKey(key)) {
                pages.clear();
            }
            pages.put(key, new Entry(from, page));
        }
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
