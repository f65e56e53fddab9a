package io.gpuagent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MigIdentityTest {

    static final GpuIdentity GPU = new GpuIdentity(0, "GPU-0", "NVIDIA A100-SXM4-80GB", "00000000:01:00.0", OptionalLong.of(0));

    @ParameterizedTest
    @CsvSource({"1g.10gb, 1", "3g.40gb, 3", "7g.80gb, 7", "1g.10gb+me, 1", "1g.20gb, 1", "1c.3g.40gb, 1", "2c.4g.20gb, 2"})
    void slicesComeFromTheProfile(String profile, int slices) {
        assertThat(new MigIdentity(GPU, "MIG-x", 1, 0, profile, 7).slices()).hasValue(slices);
    }

    @ParameterizedTest
    @CsvSource({"''", "gb", "g.10gb", "0g.5gb", "3x.40gb"})
    void aProfileInNeitherFormHasNoSliceCount(String profile) {
        assertThat(new MigIdentity(GPU, "MIG-x", 1, 0, profile).slices()).isEqualTo(OptionalInt.empty());
    }

    @Test
    void theProfileIsTheEndOfTheInstancesName() {
        assertThat(MigIdentity.profileFromName("NVIDIA A100-SXM4-40GB MIG 1c.3g.20gb")).isEqualTo("1c.3g.20gb");
    }
}
