package io.gpuagent.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gpuagent.gpu.XidReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class XidEventPosterTest {

    KubernetesClient client;

    /** A clock the test moves. */
    static final class Manual extends Clock {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private List<Event> events(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems();
    }

    @Test
    void aStormIsOneEventWhoseCountIsUpdatedAtMostEveryThirtySeconds() {
        Manual clock = new Manual();
        XidEventPoster poster = new XidEventPoster(client, "node-1",
                r -> List.of(XidEventPoster.Target.pod("ml", "train-0")), clock, false);
        for (int i = 0; i < 1000; i++) {
            poster.offer(new XidReport(0, "GPU-a", 48, OptionalInt.empty()));
        }
        poster.flush();
        assertThat(events("ml")).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(1000);
            assertThat(e.getMessage()).startsWith("XID 48 on GPU 0 (GPU-a): double-bit (uncorrectable) ECC memory error.")
                    .endsWith("Seen 1000 times.");
            assertThat(e.getLastTimestamp()).isEqualTo("2026-11-24T12:00:00Z");
        });
        for (int i = 0; i < 500; i++) {
            poster.offer(new XidReport(0, "GPU-a", 48, OptionalInt.empty()));
        }
        clock.advance(Duration.ofSeconds(10));
        poster.flush();
        assertThat(events("ml").get(0).getCount()).as("within the update gap").isEqualTo(1000);
        clock.advance(Duration.ofSeconds(21));
        poster.flush();
        assertThat(events("ml")).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(1500);
            assertThat(e.getLastTimestamp()).isEqualTo("2026-11-24T12:00:31Z");
        });
        assertThat(written(poster, "created")).isEqualTo(1);
        assertThat(written(poster, "updated")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        poster.flush();
        assertThat(written(poster, "updated")).as("nothing new, nothing written").isEqualTo(1);
    }

    @Test
    void anUpdateIsOneMergePatchOfTheChangedFieldsThatKeepsOddTextIntact() throws Exception {
        List<HttpRequest> sent = new CopyOnWriteArrayList<>();
        Interceptor record = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                sent.add(request);
            }
        };
        try (KubernetesClient recorded = new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("record", record)).build()) {
            Manual clock = new Manual();
            String uuid = "GPU-\"quoted\" back\\slash\ttab\u0001";
            XidEventPoster poster = new XidEventPoster(recorded, "node-1",
                    r -> List.of(XidEventPoster.Target.pod("ml", "train-0")), clock, false);
            poster.offer(new XidReport(0, uuid, 48, OptionalInt.empty()));
            poster.flush();
            poster.offer(new XidReport(0, uuid, 48, OptionalInt.empty()));
            clock.advance(Duration.ofSeconds(31));
            sent.clear();
            poster.flush();

            assertThat(sent).as("one write, no read before it").singleElement().satisfies(patch -> {
                assertThat(patch.method()).isEqualTo("PATCH");
                assertThat(patch).isInstanceOfSatisfying(StandardHttpRequest.class, r ->
                        assertThat(r.getContentType()).startsWith("application/merge-patch+json"));
                Map<String, Object> body = new ObjectMapper().readValue(patch.bodyString(), new TypeReference<>() {
                });
                assertThat(body.keySet()).as("only what changes, beside the object's identity")
                        .containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "count", "lastTimestamp", "message");
                assertThat(body.get("metadata")).isEqualTo(Map.of("name",
                        events("ml").get(0).getMetadata().getName(), "namespace", "ml"));
            });
            assertThat(events("ml")).singleElement().satisfies(e -> {
                assertThat(e.getCount()).isEqualTo(2);
                assertThat(e.getMessage()).startsWith("XID 48 on GPU 0 (" + uuid + "): ").endsWith("Seen 2 times.");
                assertThat(e.getLastTimestamp()).isEqualTo("2026-11-24T12:00:31Z");
            });
        }
    }

    @Test
    void manyDistinctXidsShareABucketOfWrites() {
        Manual clock = new Manual();
        XidEventPoster poster = new XidEventPoster(client, "node-1", r -> List.of(), clock, false);
        for (int xid = 1; xid <= 40; xid++) {
            poster.offer(new XidReport(xid % 8, "GPU-" + (xid % 8), xid, OptionalInt.empty()));
        }
        poster.flush();
        assertThat(events("default")).as("the burst").hasSize(XidEventPoster.BURST);
        assertThat(events("default")).allSatisfy(e -> {
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Node");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("node-1");
        });
        clock.advance(Duration.ofSeconds(4));
        poster.flush();
        assertThat(events("default")).as("one more per 2 s").hasSize(XidEventPoster.BURST + 2);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            poster.flush();
        }
        assertThat(events("default")).as("all in the end").hasSize(40);
    }

    @Test
    void xidsBeforeTheHoldersAreKnownWaitForThemThenGoOnThePodOrAfterTheLimitOnTheNode() {
        Manual clock = new Manual();
        java.util.concurrent.atomic.AtomicBoolean known = new java.util.concurrent.atomic.AtomicBoolean();
        XidEventPoster poster = new XidEventPoster(client, "node-1",
                r -> r.gpu() == 0 ? List.of(XidEventPoster.Target.pod("ml", "train-0")) : List.of(), known::get, clock,
                false);
        for (int i = 0; i < 5; i++) {
            poster.offer(new XidReport(0, "GPU-a", 13, OptionalInt.empty())); // right after start
        }
        poster.flush();
        assertThat(events("ml")).as("held while the kubelet is not read").isEmpty();
        assertThat(events("default")).isEmpty();
        known.set(true);
        clock.advance(Duration.ofSeconds(1));
        poster.flush();
        assertThat(events("ml")).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(5);
            assertThat(e.getInvolvedObject().getName()).isEqualTo("train-0");
        });
        assertThat(events("default")).isEmpty();

        known.set(false); // e.g. no kubelet socket at all
        poster.offer(new XidReport(0, "GPU-a", 48, OptionalInt.empty()));
        clock.advance(XidEventPoster.HOLD_LIMIT.minusSeconds(1));
        poster.flush();
        assertThat(events("default")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        poster.flush();
        assertThat(events("default")).as("not held forever: on the node").singleElement()
                .satisfies(e -> assertThat(e.getMessage()).startsWith("XID 48 on GPU 0"));
    }

    @Test
    void aMigXidGoesOnEveryTargetTheResolverNames() {
        Manual clock = new Manual();
        XidEventPoster poster = new XidEventPoster(client, "node-1", r -> r.gpuInstanceId().getAsInt() == 3
                ? List.of(XidEventPoster.Target.pod("a", "p1"), XidEventPoster.Target.pod("b", "p2")) : List.of(),
                clock, false);
        poster.offer(new XidReport(1, "GPU-b", 94, OptionalInt.of(3)));
        poster.flush();
        assertThat(events("a")).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("contained"));
        assertThat(events("b")).hasSize(1);
        assertThat(events("default")).isEmpty();
    }

    @Test
    void everyCatalogedXidHasAMeaningAndAnAction() {
        for (long xid : new long[] {13, 31, 43, 45, 48, 61, 62, 63, 64, 68, 69, 74, 79, 92, 94, 95, 119, 120}) {
            assertThat(XidCatalog.known(xid)).as("XID %d", xid).isTrue();
            assertThat(XidCatalog.lookup(xid).meaning()).isNotBlank();
            assertThat(XidCatalog.lookup(xid).action()).isNotBlank();
        }
        assertThat(XidCatalog.lookup(9999).meaning()).contains("not in the agent's table");
    }

    private static double written(XidEventPoster p, String outcome) {
        return p.collect().stream().filter(m -> m.getMetadata().getName().equals("gpu_agent_kubernetes_event_writes"))
                .flatMap(m -> m.getDataPoints().stream())
                .filter(d -> outcome.equals(d.getLabels().get("outcome")))
                .mapToDouble(d -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) d).getValue())
                .findFirst().orElseThrow();
    }
}
