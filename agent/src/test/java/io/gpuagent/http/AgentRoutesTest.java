package io.gpuagent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The /metrics route on a real Helidon server: where rendering runs, gzip, HEAD, and a failing collector. */
class AgentRoutesTest {

    static final Health HEALTHY = new Health() {
        @Override
        public Optional<String> notLiveBecause() {
            return Optional.empty();
        }

        @Override
        public Optional<String> notReadyBecause() {
            return Optional.empty();
        }
    };

    final HttpClient http = HttpClient.newHttpClient();
    WebServer server;

    URI start(PrometheusRegistry registry) {
        return start(registry, Optional.empty());
    }

    URI start(PrometheusRegistry registry,
            Optional<java.util.function.Supplier<io.gpuagent.export.AgentCollector.Generation>> generation) {
        server = WebServer.builder().host("127.0.0.1").port(0).featuresDiscoverServices(false)
                .routing(r -> AgentRoutes.routing(r, registry, HEALTHY, generation)).build().start();
        return URI.create("http://127.0.0.1:" + server.port());
    }

    HttpResponse<byte[]> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aPageIsRenderedOncePerGenerationAndKind() throws Exception {
        java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<io.gpuagent.source.SourceState<io.gpuagent.gpu.GpuSnapshot>> input =
                new AtomicReference<>(io.gpuagent.source.SourceState.starting("nvml", "a"));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(gauge(renders::incrementAndGet, 50));
        URI metrics = start(registry, Optional.of(() -> new io.gpuagent.export.AgentCollector.Generation(input.get(),
                Optional.empty(), java.util.Map.of(), io.gpuagent.accounting.Accounts.NONE, Optional.empty(),
                java.util.List.of()))).resolve("/metrics");

        byte[] first = get(metrics).body();
        byte[] again = get(metrics).body();
        assertThat(renders.get()).as("the same generation, the same kind: sent again").isEqualTo(1);
        assertThat(again).isEqualTo(first);

        HttpResponse<byte[]> gzip = get(metrics, "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        get(metrics, "Accept-Encoding", "gzip");
        HttpResponse<byte[]> om = get(metrics, "Accept", "application/openmetrics-text;version=1.0.0");
        assertThat(om.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("openmetrics"));
        assertThat(renders.get()).as("one render per kind").isEqualTo(3);

        get(URI.create(metrics + "?name%5B%5D=probe_value"));
        get(URI.create(metrics + "?name%5B%5D=probe_value"));
        assertThat(renders.get()).as("filtered scrapes are not kept").isEqualTo(5);

        input.set(io.gpuagent.source.SourceState.starting("nvml", "b")); // a collection happened
        get(metrics);
        assertThat(renders.get()).as("a new generation renders anew").isEqualTo(6);
    }

    @Test
    void scrapesArrivingDuringARenderWaitForItInsteadOfRenderingAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch rendering = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        io.gpuagent.source.SourceState<io.gpuagent.gpu.GpuSnapshot> state = io.gpuagent.source.SourceState.starting("nvml", "a");
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(gauge(() -> {
            renders.incrementAndGet();
            rendering.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS); // a large page: the render takes a while
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 50));
        URI metrics = start(registry, Optional.of(() -> new io.gpuagent.export.AgentCollector.Generation(state,
                Optional.empty(), java.util.Map.of(), io.gpuagent.accounting.Accounts.NONE, Optional.empty(),
                java.util.List.of()))).resolve("/metrics");

        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> scrapes = new java.util.ArrayList<>();
        scrapes.add(http.sendAsync(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofByteArray()));
        assertThat(rendering.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first scrape renders").isTrue();
        for (int i = 0; i < 11; i++) {
            scrapes.add(http.sendAsync(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        Thread.sleep(300); // the others are in, waiting
        release.countDown();
        byte[] first = scrapes.get(0).get(10, java.util.concurrent.TimeUnit.SECONDS).body();
        assertThat(new String(first, StandardCharsets.UTF_8)).contains("probe_value{i=\"49\"} 49.0");
        for (var s : scrapes) {
            HttpResponse<byte[]> r = s.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(first);
        }
        assertThat(renders.get()).as("twelve scrapes of one generation and kind, one render").isEqualTo(1);
    }

    @Test
    void aFailedRenderIsNotKeptAndItsWaitersRenderForThemselves() throws Exception {
        java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean fail = new AtomicBoolean(true);
        io.gpuagent.source.SourceState<io.gpuagent.gpu.GpuSnapshot> state = io.gpuagent.source.SourceState.starting("nvml", "a");
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(gauge(() -> {
            renders.incrementAndGet();
            if (fail.get()) {
                throw new IllegalStateException("collector broke");
            }
        }, 5));
        URI metrics = start(registry, Optional.of(() -> new io.gpuagent.export.AgentCollector.Generation(state,
                Optional.empty(), java.util.Map.of(), io.gpuagent.accounting.Accounts.NONE, Optional.empty(),
                java.util.List.of()))).resolve("/metrics");

        assertThat(get(metrics).statusCode()).isEqualTo(500);
        fail.set(false);
        HttpResponse<byte[]> ok = get(metrics);
        assertThat(ok.statusCode()).as("the failure was not kept for the generation").isEqualTo(200);
        assertThat(renders.get()).isEqualTo(2);
        get(metrics);
        assertThat(renders.get()).as("the good page is kept").isEqualTo(2);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static MultiCollector gauge(Runnable onCollect, int series) {
        return () -> {
            onCollect.run();
            GaugeSnapshot.Builder g = GaugeSnapshot.builder().name("probe_value").help("a probe");
            for (int i = 0; i < series; i++) {
                g.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(io.prometheus.metrics.model.snapshots.Labels.of("i", Integer.toString(i))).value(i).build());
            }
            return MetricSnapshots.of(g.build());
        };
    }

    @Test
    void rendersOnAPlatformThreadAndServesTextGzipAndHead() throws Exception {
        AtomicReference<Boolean> virtual = new AtomicReference<>();
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(gauge(() -> virtual.set(Thread.currentThread().isVirtual()), 2000));
        URI base = start(registry);

        HttpResponse<String> text = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(text.body()).contains("probe_value{i=\"1999\"} 1999.0");
        // JDK 25's BufferedWriter on a virtual thread copies its buffer on nearly every write: render elsewhere
        assertThat(virtual.get()).as("rendered on a virtual thread").isFalse();

        HttpResponse<byte[]> gzip = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(unzipped).isEqualTo(text.body());

        HttpResponse<String> head = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        HttpResponse<String> filtered = http.send(HttpRequest.newBuilder(base.resolve("/metrics?name%5B%5D=nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(filtered.statusCode()).isEqualTo(200);
        assertThat(filtered.body()).doesNotContain("probe_value");
    }

    @Test
    void aFailingCollectorIsA500WithoutInternals() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(gauge(() -> {
            if (fail.get()) {
                throw new IllegalStateException("secret internal detail");
            }
        }, 1));
        URI base = start(registry);

        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("scrape failed\n").doesNotContain("secret");

        fail.set(false);
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}
