package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.cgroup.CgroupParser;
import io.gpuagent.cgroup.PodContainer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of {@link ContainerIds#strip}, and its agreement with {@link CgroupParser}: the id the API server
 * reports for a container and the id found in that container's cgroup path are the same string, which is what
 * joins a GPU process to its container.
 */
class ContainerIdsPropertiesTest {

    record Reported(String apiId, String cgroupFile, String bareId) {
    }

    @Property
    void theApiIdAndTheCgroupIdAgree(@ForAll("reported") Reported r) {
        Optional<PodContainer> pc = CgroupParser.parse(r.cgroupFile());
        assertThat(pc).as(r.cgroupFile()).isPresent();
        assertThat(pc.get().containerId()).contains(ContainerIds.strip(r.apiId()));
        assertThat(ContainerIds.strip(r.apiId())).isEqualTo(r.bareId());
    }

    @Property
    void anyTextIsStrippedWithoutThrowing(@ForAll @StringLength(max = 300) String raw) {
        String id = ContainerIds.strip(raw);
        assertThat(id).isEqualTo(id.strip());
        int scheme = raw.indexOf("://");
        assertThat(id).isEqualTo(raw.isBlank() ? "" : (scheme < 0 ? raw : raw.substring(scheme + 3)).strip());
    }

    @Property
    void arbitraryBytesAreStrippedWithoutThrowing(@ForAll @Size(max = 300) byte[] bytes) {
        for (String raw : new String[] {new String(bytes, StandardCharsets.UTF_8),
                new String(bytes, StandardCharsets.ISO_8859_1)}) {
            anyTextIsStrippedWithoutThrowing(raw);
        }
    }

    @Provide
    Arbitrary<Reported> reported() {
        Arbitrary<String> cid = Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> HexFormat.of().formatHex(b));
        Arbitrary<String> uid = Arbitraries.bytes().array(byte[].class).ofSize(16).map(b -> {
            String h = HexFormat.of().formatHex(b);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                    + "-" + h.substring(20);
        });
        Arbitrary<Integer> runtime = Arbitraries.integers().between(0, 2);
        Arbitrary<Boolean> systemd = Arbitraries.of(true, false);
        return Combinators.combine(cid, uid, runtime, systemd).as((id, u, rt, sd) -> {
            String scheme = switch (rt) {
                case 0 -> "containerd://";
                case 1 -> "cri-o://";
                default -> "docker://";
            };
            String leaf = switch (rt) {
                case 0 -> sd ? "cri-containerd-" + id + ".scope" : id;
                case 1 -> sd ? "crio-" + id + ".scope" : "crio-" + id;
                default -> sd ? "docker-" + id + ".scope" : id;
            };
            String pod = sd ? "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + u.replace('-', '_')
                    + ".slice" : "/kubepods/burstable/pod" + u;
            return new Reported(scheme + id, "0::" + pod + "/" + leaf + "\n", id);
        });
    }
}
