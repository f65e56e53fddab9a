package io.gpuagent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceStateTest {

    @Test
    void neighboursOfOneKindShareTheirName() {
        assertThat(DeviceState.compact(List.of("power limit", "violation time (power)", "violation time (thermal)",
                "retired pages (single-bit)", "retired pages (double-bit)", "retired pages pending", "fans", "NVLink")))
                .isEqualTo("power limit, violation time (power, thermal), retired pages (single-bit, double-bit),"
                        + " retired pages pending, fans, NVLink");
        assertThat(DeviceState.compact(List.of("energy"))).isEqualTo("energy");
        assertThat(DeviceState.compact(List.of("a (x)", "b", "a (y)"))).isEqualTo("a (x), b, a (y)");
    }

    @Test
    void keysAreMadeOnceAndWhatIsLackingIsSaidOnce() {
        DeviceState s = new DeviceState("MIG device of GPU 0", "MIG device of GPU 0 (MIG-1)", " of MIG-1", 3);
        String key = s.key(1, "memory");
        assertThat(key).isEqualTo("MIG device of GPU 0/memory of MIG-1");
        assertThat(s.key(1, "memory")).isSameAs(key);
        s.lacks(2, "memory");
        s.lacks(2, "memory");
        assertThat(s.lackingNow).containsExactly("memory");
    }
}
