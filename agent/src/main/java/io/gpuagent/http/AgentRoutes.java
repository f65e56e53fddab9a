package io.gpuagent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.gpuagent.export.AgentCollector;
import io.helidon.http.HeaderName;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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
    private static final ExecutorService RENDER = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().daemon().name("render-metrics-", 0).factory());

    private AgentRoutes() {
    }

    /**
     * @param generation what the registry's page is made of ({@code AgentCollector.generation()}): when
     *     given, a page rendered for one Accept/Accept-Encoding is sent again, unrendered, to the next
     *     GET of the same kind until the generation changes (every collection)
     */
    public static void routing(HttpRouting.Builder routing, PrometheusRegistry registry, Health health,
            Optional<Supplier<AgentCollector.Generation>> generation) {
        PrometheusScrapeHandler scrape = new PrometheusScrapeHandler(registry);
        RenderCache cache = new RenderCache(generation);
        routing.addFilter((chain, req, res) -> {
            // read-only endpoints: anything but GET and HEAD is refused, saying what is allowed
            Method m = req.prologue().method();
            if (m.equals(Method.GET) || m.equals(Method.HEAD)) {
                chain.proceed();
            } else if (PATHS.contains(req.path().path())) {
                res.status(Status.METHOD_NOT_ALLOWED_405).header(HeaderNames.ALLOW, "GET, HEAD")
                        .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").send("Method Not Allowed\n");
            } else {
                res.status(Status.NOT_FOUND_404).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                        .send("Not Found\n");
            }
        });
        routing.get("/metrics", (req, res) -> metrics(scrape, cache, req, res))
                .head("/metrics", (req, res) -> metrics(scrape, RenderCache.NONE, req, res))
                .route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.exact("/healthz"),
                        (req, res) -> healthz(health, res))
                .route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.exact("/readyz"),
                        (req, res) -> readyz(health, res))
                .route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.exact("/"),
                        (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8").send(LANDING));
    }

    private static final java.util.Set<String> PATHS = java.util.Set.of("/metrics", "/healthz", "/readyz", "/");

    private static void metrics(PrometheusScrapeHandler scrape, RenderCache cache, ServerRequest req, ServerResponse res)
            throws IOException {
        Optional<String> key = cache.key(req);
        if (key.isEmpty()) {
            render(scrape, req, res).commit();
            return;
        }
        RenderCache.Claim claim = cache.claim(key.get());
        if (!claim.render()) {
            Optional<HelidonExchange.Captured> page = claim.await();
            if (page.isPresent()) {
                HelidonExchange.send(res, page.get());
                return;
            }
            // the scrape that rendered it failed or gave up: this one renders for itself
            render(scrape, req, res).commit();
            return;
        }
        HelidonExchange exchange = null;
        try {
            exchange = render(scrape, req, res);
        } finally {
            claim.done(exchange == null ? Optional.empty() : exchange.captured());
        }
        exchange.commit();
    }

    /** Runs the handler for this request on a render thread; the response is captured, not yet sent. */
    private static HelidonExchange render(PrometheusScrapeHandler scrape, ServerRequest req, ServerResponse res)
            throws IOException {
        HelidonExchange exchange = new HelidonExchange(req, res);
        Future<?> rendering = RENDER.submit(() -> {
            scrape.handleRequest(exchange);
            return null;
        });
        try {
            rendering.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            exchange.handleException(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            rendering.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering /metrics", e);
        }
        return exchange;
    }

    /**
     * Rendered pages by request kind, for the generation they were rendered from: with many scrapers
     * (or Prometheus HA pairs) each collection is rendered once per kind instead of once per scrape.
     * Only plain GETs (no {@code name[]} filter) are kept; at most 16 kinds.
     *
     * <p>One render per kind and generation, also while it runs: the scrapes that arrive during a render of
     * their page wait for it instead of rendering it again. Without that, a large page under many scrapers
     * collapses: each collection made every scrape in flight render its own copy, the renders queued at the
     * cores past the next collection, and every scrape rendered (ScrapeLoadIT, 2026-12-03: 250 req/s, p50 1 s,
     * for 200 scrapers of a 240 kB page).
     */
    static final class RenderCache {
        static final RenderCache NONE = new RenderCache(Optional.empty());
        /** How long a scrape waits for another's render of its page before rendering it itself. */
        static final long WAIT_SECONDS = 10;

        private record Entry(AgentCollector.Generation generation,
                CompletableFuture<Optional<HelidonExchange.Captured>> page) {
        }

        /**
         * The page of one kind for the current generation: {@link #render()} says whether the caller renders
         * it (and then must call {@link #done}) or another scrape already does.
         */
        final class Claim {
            private final String key;
            private final Entry entry;
            private final boolean render;

            private Claim(String key, Entry entry, boolean render) {
                this.key = key;
                this.entry = entry;
                this.render = render;
            }

            boolean render() {
                return render;
            }

            /** The page another scrape rendered; empty if that failed or took longer than {@link #WAIT_SECONDS}. */
            Optional<HelidonExchange.Captured> await() throws IOException {
                try {
                    return entry.page().get(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for /metrics", e);
                }
            }

            /** The render's outcome, for the scrapes waiting on it; a failed render is not kept. */
            void done(Optional<HelidonExchange.Captured> page) {
                if (page.isEmpty()) {
                    pages.remove(key, entry);
                }
                entry.page().complete(page);
            }
        }

        private final Optional<Supplier<AgentCollector.Generation>> generation;
        private final ConcurrentHashMap<String, Entry> pages = new ConcurrentHashMap<>();

        RenderCache(Optional<Supplier<AgentCollector.Generation>> generation) {
            this.generation = generation;
        }

        Optional<String> key(ServerRequest req) {
            if (generation.isEmpty() || !req.query().rawValue().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(header(req, HeaderNames.ACCEPT) + "\n" + header(req, HeaderNames.ACCEPT_ENCODING));
        }

        private static String header(ServerRequest req, HeaderName name) {
            return req.headers().contains(name) ? String.join(",", req.headers().get(name).allValues()) : "";
        }

        /** The page of this kind for the generation now: rendered, being rendered, or for the caller to render. */
        Claim claim(String key) {
            AgentCollector.Generation current = generation.orElseThrow().get();
            if (pages.size() >= 16 && !pages.containsKey(key)) {
                pages.clear();
            }
            Entry mine = new Entry(current, new CompletableFuture<>());
            Entry e = pages.compute(key, (k, old) -> old != null && current.sameAs(old.generation()) ? old : mine);
            return new Claim(key, e, e == mine);
        }
    }

    private static void healthz(Health health, ServerResponse res) {
        probe(health.notLiveBecause(), "ok\n", res);
    }

    private static void readyz(Health health, ServerResponse res) {
        probe(health.notReadyBecause(), "ready\n", res);
    }

    /** 200 with {@code ok}, or 503 with the one-line reason. */
    private static void probe(Optional<String> why, String ok, ServerResponse res) {
        res.headers().contentType(HttpMediaTypes.PLAINTEXT_UTF_8);
        if (why.isEmpty()) {
            res.send(ok);
        } else {
            res.status(Status.SERVICE_UNAVAILABLE_503).send(why.get() + "\n");
        }
    }
}
