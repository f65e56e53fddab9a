package io.gpuagent.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dcgm-exporter's counters file read as dcgm-exporter reads it; what is not a field is an error naming its line. */
class DcgmCountersTest {

    static DcgmCounters defaultCounters() throws Exception {
        return DcgmCounters.parse(Files.readString(Path.of("src/test/resources/dcgm/default-counters.csv")));
    }

    @Test
    void dcgmExportersDefaultFileReadsAsIsCommentsSkipped() throws Exception {
        DcgmCounters file = defaultCounters();
        assertThat(file.counters()).extracting(DcgmCounters.Counter::field).containsExactly(
                "DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK", "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_DEV_GPU_TEMP",
                "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER",
                "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL", "DCGM_FI_DEV_ENC_UTIL", "DCGM_FI_DEV_DEC_UTIL",
                "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_RESERVED",
                "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "DCGM_FI_DEV_VGPU_LICENSE_STATUS",
                "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS",
                "DCGM_FI_DEV_ROW_REMAP_FAILURE", "DCGM_FI_DRIVER_VERSION", "DCGM_FI_PROF_GR_ENGINE_ACTIVE",
                "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "DCGM_FI_PROF_DRAM_ACTIVE", "DCGM_FI_PROF_PCIE_TX_BYTES",
                "DCGM_FI_PROF_PCIE_RX_BYTES");
        // "DCGM_FI_DEV_DEC_UTIL ," in the file: trimmed as dcgm-exporter trims
        assertThat(file.counters().get(10)).isEqualTo(
                new DcgmCounters.Counter(27, "DCGM_FI_DEV_DEC_UTIL", "gauge", "Decoder utilization (in %)."));
        assertThat(file.counters().get(5).type()).isEqualTo("counter");
        assertThat(file.counters().get(20).type()).isEqualTo("label");
    }

    @Test
    void blankAndIndentedCommentLinesAndQuotedFields() {
        DcgmCounters file = DcgmCounters.parse("""

                   # an indented comment
                DCGM_FI_DEV_GPU_UTIL,gauge,"GPU utilization, in %"
                \t
                DCGM_FI_DEV_FB_USED , gauge ,  "Framebuffer ""used"" (in MiB)."  \r
                DCGM_FI_DEV_GPU_TEMP, gauge,
                """);
        assertThat(file.counters()).containsExactly(
                new DcgmCounters.Counter(3, "DCGM_FI_DEV_GPU_UTIL", "gauge", "GPU utilization, in %"),
                new DcgmCounters.Counter(5, "DCGM_FI_DEV_FB_USED", "gauge", "Framebuffer \"used\" (in MiB)."),
                new DcgmCounters.Counter(6, "DCGM_FI_DEV_GPU_TEMP", "gauge", ""));
        assertThat(DcgmCounters.parse("").counters()).isEmpty();
        assertThat(DcgmCounters.parse("# only comments\n").counters()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "DCGM_FI_DEV_GPU_UTIL, gauge                          | line 2: expected 3 comma-separated fields (field name, type, help), found 2",
        "DCGM_FI_DEV_GPU_UTIL                                 | line 2: expected 3 comma-separated fields (field name, type, help), found 1",
        "DCGM_FI_DEV_GPU_UTIL, gauge, GPU utilization, in %   | line 2: expected 3 comma-separated fields (field name, type, help), found 4",
        "DCGM_FI_DEV_GPU_UTIL, gauge, help,                   | line 2: expected 3 comma-separated fields (field name, type, help), found 4",
        "DCGM_FI_DEV_GPU_UTIL, Gauge, GPU utilization         | line 2: \"Gauge\" is not a type (gauge, counter, histogram, summary or label)",
        "DCGM_FI_DEV_GPU_UTIL, , GPU utilization              | line 2: \"\" is not a type",
        "DCGM FI DEV GPU UTIL, gauge, GPU utilization         | line 2: \"DCGM FI DEV GPU UTIL\" is not a field name",
        ", gauge, GPU utilization                             | line 2: \"\" is not a field name",
        "DCGM_FI_DEV_GPU_UTIL, gauge, \"GPU utilization       | line 2: a quoted field is not closed",
        "DCGM_FI_DEV_GPU_UTIL, gauge, \"GPU\" utilization     | line 2: text after a quoted field's closing quote",
        "DCGM_FI_DEV_FB_FREE, gauge, again                    | line 2: DCGM_FI_DEV_FB_FREE is already on line 1",
    })
    void aLineThatIsNotAFieldIsAnErrorNamingIt(String line, String message) {
        String text = "DCGM_FI_DEV_FB_FREE, gauge, Framebuffer memory free (in MiB).\n" + line + "\nDCGM_FI_DEV_GPU_TEMP, gauge, x\n";
        assertThatThrownBy(() -> DcgmCounters.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message).hasMessageNotContaining("\n");
    }

    @Test
    void everyTypeDcgmExporterAccepts() {
        for (String type : List.of("gauge", "counter", "histogram", "summary", "label")) {
            assertThat(DcgmCounters.parse("DCGM_FI_DEV_GPU_UTIL, " + type + ", h").counters().getFirst().type())
                    .isEqualTo(type);
        }
    }
}
