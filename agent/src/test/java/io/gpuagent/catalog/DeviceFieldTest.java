package io.gpuagent.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.nvml.GpmMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules the catalog's rows keep, so a new row cannot break a naming quietly, and the docs that list them. */
class DeviceFieldTest {

    @Test
    void sharedReadsAreNumberedInOrder() {
        for (int i = 0; i < SharedRead.ALL.size(); i++) {
            assertThat(SharedRead.ALL.get(i).id()).isEqualTo(i);
        }
    }

    @Test
    void rowsOfOneNativeFamilyAgreeOnItAndEachGiveTheirOwnLabelValue() {
        Map<String, NativeFamily> byName = new HashMap<>();
        Map<String, Set<String>> values = new HashMap<>();
        for (DeviceField f : DeviceField.values()) {
            Native n = f.nativeNaming();
            if (n == null) {
                continue;
            }
            NativeFamily family = n.family();
            NativeFamily seen = byName.putIfAbsent(family.name(), family);
            assertThat(seen == null || seen.equals(family)).as(f + ": " + family + " vs " + seen).isTrue();
            if (family.label() == null || n.reasonBits()) {
                assertThat(n.labelValue()).as(f.name()).isNull();
                assertThat(seen).as(f + ": a family of its own").isNull();
            } else {
                assertThat(n.labelValue()).as(f.name()).isNotNull();
                assertThat(values.computeIfAbsent(family.name(), k -> new HashSet<>()).add(n.labelValue()))
                        .as(f + ": " + n.labelValue() + " twice in " + family.name()).isTrue();
            }
            if (f.dimension() != Dimension.NONE) {
                assertThat(family.label()).as(f.name()).isNotEqualTo(f.dimension().label());
            }
            if (n.reasonBits()) {
                assertThat(family.counter()).isFalse();
                assertThat(f.dimension()).isEqualTo(Dimension.NONE);
            }
        }
    }

    @Test
    void dcgmFieldsAreUniqueAndCollapseExactlyTheRowsWithADimension() {
        Set<String> names = new HashSet<>();
        for (DeviceField f : DeviceField.values()) {
            Dcgm d = f.dcgm();
            assertThat(d != null || f.nativeNaming() != null).as(f + " is shown by some naming").isTrue();
            if (d == null) {
                continue;
            }
            assertThat(names.add(d.name())).as(d.name()).isTrue();
            assertThat(d.collapse() == Dcgm.Collapse.NONE).as(f.name()).isEqualTo(f.dimension() == Dimension.NONE);
            assertThat(d.zeroWhileUp() && f.mig()).as(f.name()).isFalse();
        }
    }

    @Test
    void fractionalRowsAreGpmsAndScaleWithoutWholeDivision() {
        for (GpmMetric m : GpmMetric.values()) {
            assertThat(DeviceField.of(m).fractional()).isTrue();
            assertThat(((Read.Gpm) DeviceField.of(m).read()).metric()).isEqualTo(m);
        }
        for (DeviceField f : DeviceField.values()) {
            if (f.fractional()) {
                assertThat(f.nativeNaming() == null || f.nativeNaming().scale().op() != Scale.Op.WHOLE_DIVIDE).isTrue();
                assertThat(f.dcgm() == null || f.dcgm().scale().op() != Scale.Op.WHOLE_DIVIDE).isTrue();
            }
        }
    }

    @Test
    void perIndexReadsNameEveryIndex() {
        for (DeviceField f : DeviceField.values()) {
            if (f.read() instanceof Read.PerIndex p) {
                assertThat(p.whats()).hasSize(p.dimension().size()).doesNotHaveDuplicates().doesNotContainNull();
                assertThat(p.dimension()).isNotEqualTo(Dimension.NONE);
            }
        }
    }

    @Test
    void theDocsListEveryFamilyAndField() throws Exception {
        String metrics = Files.readString(Path.of("../docs/metrics.md"));
        String dcgm = Files.readString(Path.of("../docs/dcgm-migration.md"));
        List<String> missing = new ArrayList<>();
        for (DeviceField f : DeviceField.values()) {
            if (f.nativeNaming() != null) {
                NativeFamily n = f.nativeNaming().family();
                String exposed = n.name() + (n.counter() ? "_total" : "");
                if (!metrics.contains("`" + exposed + "`")) {
                    missing.add("docs/metrics.md: " + exposed);
                }
            }
            if (f.dcgm() != null && !dcgm.contains("`" + f.dcgm().name() + "`")) {
                missing.add("docs/dcgm-migration.md: " + f.dcgm().name());
            }
        }
        assertThat(missing).isEmpty();
    }
}
