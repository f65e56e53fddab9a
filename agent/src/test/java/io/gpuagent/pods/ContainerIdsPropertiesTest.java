package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.cgroup.CgroupParser;
import io.gpuagent.cgroup.PodContainer;
import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link ContainerIds#strip}, and its agreement with {@link CgroupParser}: the id the API server
 * reports for a container and the id found in that container's cgroup path are the same string, which is what
 * joins a GPU process to its container.
 */
class ContainerIdsPropertiesTest {

    record Reported(String apiId, String cgroupFile, String bareId) {
    }

    @Test
    void theApiIdAndTheCgroupIdAgree() {
        Properties.forAll("the API id and the cgroup id agree", Properties.TRIES, ContainerIdsPropertiesTest::reported,
                r -> {
                    Optional<PodContainer> pc = CgroupParser.parse(r.cgroupFile());
                    assertThat(pc).as(r.cgroupFile()).isPresent();
                    assertThat(pc.get().containerId()).contains(ContainerIds.strip(r.apiId()));
                    assertThat(ContainerIds.strip(r.apiId())).isEqualTo(r.bareId());
                });
    }

    @Test
    void anyTextIsStrippedWithoutThrowing() {
        Properties.forAll("any text is stripped without throwing", Properties.TRIES, r -> Gen.text(r, 300),
                ContainerIdsPropertiesTest::stripped);
    }

    @Test
    void arbitraryBytesAreStrippedWithoutThrowing() {
        Properties.forAll("arbitrary bytes are stripped without throwing", Properties.TRIES, r -> Gen.bytes(r, 300),
                bytes -> {
                    stripped(new String(bytes, StandardCharsets.UTF_8));
                    stripped(new String(bytes, StandardCharsets.ISO_8859_1));
                });
    }

    private static void stripped(String raw) {
        String id = ContainerIds.strip(raw);
        assertThat(id).isEqualTo(id.strip());
        int scheme = raw.indexOf("://");
        assertThat(id).isEqualTo(raw.isBlank() ? "" : (scheme < 0 ? raw : raw.substring(scheme + 3)).strip());
    }

    /** A container as the API server reports it and its cgroup file, for each runtime and cgroup driver. */
    static Reported reported(SplittableRandom r) {
        String id = Gen.hex(r, 32);
        String u = Gen.uuid(r);
        int rt = r.nextInt(3);
        boolean sd = r.nextBoolean();
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
    }
}
