package io.gpuagent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.pods.PodInfo;
import io.gpuagent.pods.Workload;
import io.gpuagent.serving.ServerKind;
import io.gpuagent.serving.ServingSource;
import io.gpuagent.serving.Target;
import io.gpuagent.serving.TargetDiscovery;
import io.gpuagent.serving.TargetReader;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Discovery, reading (a fake fetcher) and the contract's inference_* families, together. */
class ServingFamiliesTest {

    static PodInfo pod(String name, String phase, Map<String, String> annotations, List<PodInfo.ContainerInfo> containers) {
        return new PodInfo("serve", name, "uid-" + name, phase, true, Optional.of("10.1.2.3"), "node-a", Map.of(),
                new Workload("Deployment", "llama"), containers, annotations);
    }

    static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/serving/" + name));
    }

    @Test
    void discoveryByAnnotationsAndWellKnownPortsOfGpuPods() {
        List<PodInfo> pods = List.of(
                pod("annotated", "Running", Map.of(TargetDiscovery.SCRAPE, "true", TargetDiscovery.PORT, "9090",
                        TargetDiscovery.PATH, "stats", TargetDiscovery.SERVER, "triton"), List.of()),
                pod("vllm", "Running", Map.of(), List.of(new PodInfo.ContainerInfo("server", List.of(new PodInfo.Port("http", 8000))))),
                pod("opted-out", "Running", Map.of(TargetDiscovery.SCRAPE, "false"),
                        List.of(new PodInfo.ContainerInfo("s", List.of(new PodInfo.Port("metrics", 9400))))),
                pod("no-gpu", "Running", Map.of(), List.of(new PodInfo.ContainerInfo("s", List.of(new PodInfo.Port("metrics", 9400))))),
                pod("pending", "Pending", Map.of(TargetDiscovery.SCRAPE, "true", TargetDiscovery.PORT, "8000"), List.of()),
                pod("bad-port", "Running", Map.of(TargetDiscovery.SCRAPE, "true", TargetDiscovery.PORT, "http"), List.of()));
        List<Target> targets = TargetDiscovery.discover(pods, (ns, name) -> !name.equals("no-gpu"));
        assertThat(targets).extracting(t -> t.pod() + " " + t.uri() + " " + t.server().map(ServerKind::label).orElse("?"))
                .containsExactly("annotated http://10.1.2.3:9090/stats triton", "vllm http://10.1.2.3:8000/metrics ?");
        assertThat(targets.get(1).workload()).isEqualTo("llama");
        assertThat(targets.get(1).workloadKind()).isEqualTo("Deployment");
    }

    @Test
    void aGenericServerIsMappedByItsAnnotations() throws Exception {
        PodInfo custom = pod("custom", "Running", Map.of(TargetDiscovery.SCRAPE, "true", TargetDiscovery.PORT, "9100",
                io.gpuagent.serving.GenericMapping.QUEUED, "myserver_pending",
                io.gpuagent.serving.GenericMapping.KV_CACHE, "myserver_cache_ratio",
                io.gpuagent.serving.GenericMapping.MODEL_LABEL, "model"), List.of());
        List<Target> targets = TargetDiscovery.discover(List.of(custom), (ns, n) -> true);
        String body = """
                # TYPE myserver_pending gauge
                myserver_pending{model="a",worker="0"} 3
                myserver_pending{model="a",worker="1"} 4
                myserver_pending{model="b",worker="0"} 1
                myserver_cache_ratio{model="a"} 0.5
                """;
        ServingSource source = new ServingSource(() -> targets,
                uris -> Map.of(uris.iterator().next(), new TargetReader.Ok(body, Duration.ZERO)));
        io.gpuagent.source.SourceRunner<List<ServingSource.TargetReading>> runner =
                io.gpuagent.source.SourceRunner.manual(source, Clock.systemUTC());
        runner.refreshNow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(ServingFamilies.render(runner.state().latest().orElseThrow())));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("inference_queued_requests{model=\"a\",namespace=\"serve\",pod=\"custom\",server=\"generic\"");
        assertThat(text).contains("server=\"generic\",workload=\"llama\",workload_kind=\"Deployment\"} 7.0");
        assertThat(text).contains("inference_kv_cache_utilization_ratio{model=\"a\"");
        assertThat(text).doesNotContain("inference_running_requests{");
    }

    @Test
    void signalsOfEachTargetAndUpDownPerTarget() throws Exception {
        Target vllm = new Target("serve", "llama-0", "llama", "Deployment", URI.create("http://10.0.0.1:8000/metrics"), Optional.empty());
        Target dead = new Target("serve", "tgi-0", "tgi", "StatefulSet", URI.create("http://10.0.0.2:80/metrics"), Optional.empty());
        Map<URI, String> bodies = new HashMap<>(Map.of(vllm.uri(), fixture("vllm-1.txt")));
        ServingSource source = new ServingSource(() -> List.of(vllm, dead), uris -> {
            Map<URI, TargetReader.Result> out = new HashMap<>();
            for (URI u : uris) {
                String b = bodies.get(u);
                out.put(u, b == null ? new TargetReader.Failed("connection refused", Duration.ZERO) : new TargetReader.Ok(b, Duration.ZERO));
            }
            return out;
        });
        io.gpuagent.source.SourceRunner<List<ServingSource.TargetReading>> runner =
                io.gpuagent.source.SourceRunner.manual(source, Clock.systemUTC());
        runner.refreshNow();
        bodies.put(vllm.uri(), fixture("vllm-2.txt"));
        runner.refreshNow();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(ServingFamilies.render(runner.state().latest().orElseThrow())));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("inference_up{namespace=\"serve\",pod=\"llama-0\",server=\"vllm\",workload=\"llama\",workload_kind=\"Deployment\"} 1.0");
        assertThat(text).contains("inference_up{namespace=\"serve\",pod=\"tgi-0\",server=\"generic\",workload=\"tgi\",workload_kind=\"StatefulSet\"} 0.0");
        assertThat(text).contains("inference_running_requests{model=\"meta-llama/Llama-3.1-8B-Instruct\",namespace=\"serve\",pod=\"llama-0\","
                + "server=\"vllm\",workload=\"llama\",workload_kind=\"Deployment\"} 22.0");
        assertThat(text).contains("inference_queue_wait_seconds{model=\"meta-llama/Llama-3.1-8B-Instruct\"");
        assertThat(text).contains("inference_kv_cache_utilization_ratio{model=\"Qwen/Qwen2.5-7B-Instruct\"");
        assertThat(runner.state().errors()).isEqualTo(2);
    }

    @Test
    void anAnswerWithoutSamplesIsNotUp() throws Exception {
        Target html = new Target("serve", "ui-0", "ui", "Deployment", URI.create("http://10.0.0.3:8080/metrics"), Optional.empty());
        Target empty = new Target("serve", "empty-0", "empty", "Deployment", URI.create("http://10.0.0.4:8080/metrics"), Optional.empty());
        Target vllm = new Target("serve", "llama-0", "llama", "Deployment", URI.create("http://10.0.0.1:8000/metrics"), Optional.empty());
        Map<URI, String> bodies = Map.of(html.uri(), "<!doctype html>\n<html><body>Model UI</body></html>\n",
                empty.uri(), "", vllm.uri(), fixture("vllm-1.txt"));
        ServingSource source = new ServingSource(() -> List.of(html, empty, vllm), uris -> {
            Map<URI, TargetReader.Result> out = new HashMap<>();
            uris.forEach(u -> out.put(u, new TargetReader.Ok(bodies.get(u), Duration.ZERO)));
            return out;
        });
        io.gpuagent.source.SourceRunner<List<ServingSource.TargetReading>> runner =
                io.gpuagent.source.SourceRunner.manual(source, Clock.systemUTC());
        runner.refreshNow();

        List<ServingSource.TargetReading> readings = runner.state().latest().orElseThrow();
        assertThat(readings).extracting(r -> r.target().pod() + "=" + r.up())
                .containsExactly("ui-0=false", "empty-0=false", "llama-0=true");
        assertThat(readings.get(0).problem()).contains("no Prometheus samples").contains("2 unreadable lines");
        assertThat(runner.state().errors()).isEqualTo(2);
    }
}
