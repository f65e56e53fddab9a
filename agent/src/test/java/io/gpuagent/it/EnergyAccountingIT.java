package io.gpuagent.it;

import static io.gpuagent.kubelet.FakeKubelet.container;
import static io.gpuagent.kubelet.FakeKubelet.devices;
import static io.gpuagent.kubelet.FakeKubelet.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.gpuagent.kubelet.FakeKubelet;
import io.gpuagent.kubelet.ShortTempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Per-container energy and GPU time through the packaged agent, on the simulator's chargeback scenario (a GPU
 * time-sliced by three containers at SM 50 / 30 / 10 %, a MIG GPU, an idle sibling of each model, a board without an
 * energy counter), with the kubelet, the Kubernetes API and a /proc naming every process's container. Over a minute
 * of collections: each GPU's containers plus its unattributed remainder equal its energy, and the split is the one
 * computed by hand in the scenario's header and docs/attribution.md.
 */
class EnergyAccountingIT {

    static final String NODE = ServingIT.NODE;
    static final String SLICED = "GPU-c0c0c0c0-0000-0000-0000-000000000000";
    static final String SPARE = "GPU-c1c1c1c1-0000-0000-0000-000000000000";
    static final String MIG_GPU = "GPU-c2c2c2c2-0000-0000-0000-000000000000";
    static final String IDLE_A100 = "GPU-c3c3c3c3-0000-0000-0000-000000000000";
    static final String T4 = "GPU-c4c4c4c4-0000-0000-0000-000000000000";
    static final String MIG_3G = "MIG-c2000003-0000-0000-0000-000000000001";
    static final String MIG_2G = "MIG-c2000002-0000-0000-0000-000000000002";
    static final String MIG_1G = "MIG-c2000001-0000-0000-0000-000000000003";

    /** A pod of the test: its namespace, name, container, what it holds, its processes. */
    record Holder(int n, String namespace, String pod, String container, String resource, String device, long... pids) {
        String uid() {
            return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", 0xe0e0e000 + n, n);
        }

        String containerId() {
            return String.format(Locale.ROOT, "%064x", 0xe0e00000L + n);
        }
    }

    static final List<Holder> HOLDERS = List.of(
            new Holder(1, "research", "train-a-5d8f-x1", "main", "nvidia.com/gpu.shared", SLICED + "::0", 6001),
            new Holder(2, "research", "b", "main", "nvidia.com/gpu.shared", SLICED + "::1", 6002),
            new Holder(3, "research", "c", "main", "nvidia.com/gpu.shared", SLICED + "::2", 6003),
            new Holder(4, "serve", "m1", "server", "nvidia.com/mig-3g.40gb", MIG_3G, 6101),
            new Holder(5, "serve", "m2", "server", "nvidia.com/mig-2g.20gb", MIG_2G, 6102),
            new Holder(6, "ops", "spare", "idle", "nvidia.com/gpu", IDLE_A100),
            new Holder(7, "media", "video", "enc", "nvidia.com/gpu", T4, 6201));

    @Test
    void theSplitFollowsTheModelAndEveryGpusEnergyIsAccountedFor() throws Exception {
        try (ShortTempDir dir = ShortTempDir.create(); FakeKubelet kubelet = FakeKubelet.start(dir.resolve("k.sock"));
                FakeKubernetesApi api = FakeKubernetesApi.start()) {
            kubelet.setPods(HOLDERS.stream().map(h -> pod(h.namespace(), h.pod(), container(h.container(), h.resource(),
                    h.device()))).toList());
            kubelet.setAllocatable(devices("nvidia.com/gpu.shared", SLICED + "::0", SLICED + "::1", SLICED + "::2",
                            SLICED + "::3"),
                    devices("nvidia.com/gpu", SPARE, IDLE_A100, T4),
                    devices("nvidia.com/mig-3g.40gb", MIG_3G), devices("nvidia.com/mig-2g.20gb", MIG_2G),
                    devices("nvidia.com/mig-1g.10gb", MIG_1G));
            api.client().apps().replicaSets().inNamespace("research").resource(new ReplicaSetBuilder().withNewMetadata()
                    .withNamespace("research").withName("train-a-5d8f").withUid("uid-rs")
                    .withOwnerReferences(ServingIT.controller("apps/v1", "Deployment", "train-a")).endMetadata().build())
                    .create();
            Path proc = Files.createDirectories(dir.resolve("proc"));
            for (Holder h : HOLDERS) {
                runningPod(api, h);
                for (long pid : h.pids()) {
                    ContainerUsageIT.process(proc, pid, "0::/kubepods.slice/kubepods-pod" + h.uid().replace('-', '_')
                            + ".slice/cri-containerd-" + h.containerId() + ".scope\n");
                }
            }
            ContainerUsageIT.process(proc, 6004, "0::/system.slice/render.service\n");
            ContainerUsageIT.process(proc, 6103, "0::/user.slice/user-1000.slice/session-3.scope\n");

            try (AgentProcess agent = AgentProcess.start(api.env(dir.path()), "--simulate=chargeback",
                    "--collect-interval=500ms", "--kubernetes=on", "--node-name=" + NODE,
                    "--pod-resources-socket=" + kubelet.socket(), "--proc-root=" + proc)) {
                // every process named and every holder charged for a few intervals
                Exposition first = AttributionIT.awaitMetrics(agent, m -> settled(m), Duration.ofSeconds(60));
                assertThat(settled(first)).as("holders and process owners resolved:\n" + agent.stderr()).isTrue();
                Thread.sleep(60_000);
                Exposition last = Exposition.parse(agent.get("/metrics").body());
                Split s = new Split(first, last);

                for (String gpu : List.of(SLICED, SPARE, MIG_GPU, IDLE_A100)) {
                    double energy = s.delta("gpu_energy_joules_total", "uuid", gpu);
                    double accounted = s.deltaSum("gpu_container_energy_joules_total", "uuid", gpu)
                            + s.delta("gpu_unattributed_energy_joules_total", "uuid", gpu);
                    System.out.printf(Locale.ROOT, "%s: GPU %.3f J, containers + unattributed %.3f J (%.2e)%n", gpu,
                            energy, accounted, (accounted - energy) / energy);
                    assertThat(accounted).as(gpu).isCloseTo(energy, within(energy * 0.01));
                }
                double seconds = s.delta("gpu_agent_last_collection_timestamp_seconds", "source", "nvml");
                double t4 = s.deltaSum("gpu_container_energy_joules_total", "uuid", T4)
                        + s.delta("gpu_unattributed_energy_joules_total", "uuid", T4);
                assertThat(t4).as("T4: 40 W x time, no counter").isCloseTo(40 * seconds, within(40 * seconds * 0.01));

                // GPU 0: 100 W floor by replica (1/4 each of 4), 200 W by SM (50:30:10, 10 for the host process)
                double sliced = s.delta("gpu_energy_joules_total", "uuid", SLICED);
                s.share("train-a-5d8f-x1", SLICED, sliced, 125 / 300.0);
                s.share("b", SLICED, sliced, 85 / 300.0);
                s.share("c", SLICED, sliced, 45 / 300.0);
                assertThat(s.delta("gpu_unattributed_energy_joules_total", "uuid", SLICED) / sliced)
                        .isCloseTo(45 / 300.0, within(0.005));
                assertThat(s.delta("gpu_container_gpu_seconds_total", "pod", "b") / seconds).isCloseTo(0.25, within(0.005));
                assertThat(s.delta("gpu_container_sm_seconds_total", "pod", "train-a-5d8f-x1") / seconds)
                        .isCloseTo(0.5, within(0.01));
                assertThat(last.value("gpu_container_power_watts", "pod", "b")).isCloseTo(85, within(85 * 0.05));
                // GPU 2 (MIG): 50 W floor by slices of 7, 200 W by slices of the busy instances, the 2g one's halved
                double mig = s.delta("gpu_energy_joules_total", "uuid", MIG_GPU);
                s.share("m1", MIG_3G, mig, (50 * 3 / 7.0 + 120) / 250);
                s.share("m2", MIG_2G, mig, (50 * 2 / 7.0 + 40) / 250);
                assertThat(s.delta("gpu_container_gpu_seconds_total", "pod", "m1") / seconds)
                        .isCloseTo(3 / 7.0, within(0.005));
                assertThat(last.find("gpu_container_sm_seconds_total", "pod", "m1")).isEmpty();
                // idle holders pay their whole GPU; the board without a counter is metered by power
                s.share("spare", IDLE_A100, s.delta("gpu_energy_joules_total", "uuid", IDLE_A100), 1);
                assertThat(s.delta("gpu_container_energy_joules_total", "pod", "video") / seconds)
                        .isCloseTo(40, within(0.4));
                assertThat(s.delta("gpu_unattributed_energy_joules_total", "uuid", SPARE)).as("nobody holds the spare")
                        .isCloseTo(s.delta("gpu_energy_joules_total", "uuid", SPARE), within(1e-6));

                assertThat(last.value("gpu_idle_power_watts", "uuid", SLICED)).isEqualTo(100);
                assertThat(last.value("gpu_idle_power_watts", "uuid", MIG_GPU)).isEqualTo(50);
                assertThat(last.find("gpu_energy_split_info", "uuid", SLICED, "active_by", "process_samples")).hasSize(1);
                assertThat(last.find("gpu_energy_split_info", "uuid", MIG_GPU, "active_by", "mig_slices")).hasSize(1);
                assertThat(last.find("gpu_allocation_info", "pod", "train-a-5d8f-x1", "workload", "train-a",
                        "workload_kind", "Deployment")).hasSize(1);
            }
        }
    }

    /** Every holder charged, and the time-sliced GPU's three processes named (the informer has the pods). */
    static boolean settled(Exposition m) {
        for (Holder h : HOLDERS) {
            if (m.find("gpu_container_gpu_seconds_total", "pod", h.pod()).stream().noneMatch(x -> x.value() > 1)) {
                return false;
            }
        }
        return m.find("gpu_container_processes", "uuid", SLICED, "container", "main").size() == 3
                && !m.find("gpu_allocation_info", "workload", "train-a").isEmpty();
    }

    static void runningPod(FakeKubernetesApi api, Holder h) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(h.namespace()).withName(h.pod()).withUid(h.uid())
                .endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName(h.container()).withImage("x").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running")
                .withContainerStatuses(new ContainerStatusBuilder().withName(h.container())
                        .withContainerID("containerd://" + h.containerId()).withReady(true).build())
                .endStatus();
        if (h.pod().startsWith("train-a")) {
            b.editMetadata().withOwnerReferences(ServingIT.controller("apps/v1", "ReplicaSet", "train-a-5d8f"))
                    .endMetadata();
        }
        Pod pod = b.build();
        api.client().pods().inNamespace(h.namespace()).resource(pod).create();
        api.client().pods().inNamespace(h.namespace()).resource(pod).updateStatus();
    }

    /** Differences between two pages of the same agent. */
    record Split(Exposition first, Exposition last) {

        double delta(String name, String... match) {
            return last.value(name, match) - first.value(name, match);
        }

        double deltaSum(String name, String... match) {
            return last.find(name, match).stream().mapToDouble(Exposition.Sample::value).sum()
                    - first.find(name, match).stream().mapToDouble(Exposition.Sample::value).sum();
        }

        /** The pod's energy on the device, as a part of its GPU's, within half a percentage point. */
        void share(String pod, String device, double gpuEnergy, double expected) {
            String key = device.startsWith("MIG") ? "mig_uuid" : "uuid";
            double part = delta("gpu_container_energy_joules_total", "pod", pod, key, device) / gpuEnergy;
            System.out.printf(Locale.ROOT, "%s on %s: %.4f of the GPU's energy (expected %.4f)%n", pod, device, part,
                    expected);
            assertThat(part).as(pod).isCloseTo(expected, within(0.005));
        }
    }
}
