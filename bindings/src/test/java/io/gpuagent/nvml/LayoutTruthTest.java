package io.gpuagent.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.nvml.raw.nvml_h;
import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.PaddingLayout;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bindings against the real {@code nvml.h}: a C program generated from the jextract arguments file
 * and the Java layouts prints sizeof/offsetof of every bound struct and field and the value of every
 * bound constant; the Java side must agree. A field, struct, function or constant the header does not
 * have fails the C compile, which fails this test.
 */
class LayoutTruthTest {

    private static final Path ARGS = Path.of("src/main/jextract/nvml.args");
    private static final Path HEADER = Path.of("/usr/include/nvml.h");
    /** Declarations newer than the installed header (nvmlGpmMigSampleGet), read after it. */
    private static final Path NEWER = Path.of("src/main/jextract/nvml_newer.h");
    private static final String RAW = "io.gpuagent.nvml.raw.";

    @TempDir
    static Path work;

    static List<String> functions = new ArrayList<>();
    static List<String> structs = new ArrayList<>();
    static List<String> constants = new ArrayList<>();
    static Map<String, Long> truth = new LinkedHashMap<>();

    @BeforeAll
    static void compileAndRunAgainstRealHeader() throws Exception {
        assertThat(HEADER).as("the real nvml.h (Debian non-free libnvidia-ml-dev; .ci/run installs it)").exists();
        for (String line : Files.readAllLines(ARGS)) {
            String[] w = line.trim().split("\\s+");
            if (w.length == 2) {
                switch (w[0]) {
                    case "--include-function" -> functions.add(w[1]);
                    case "--include-struct" -> structs.add(w[1]);
                    case "--include-constant" -> constants.add(w[1]);
                    default -> { }
                }
            }
        }
        Path c = work.resolve("layout_truth.c");
        Files.writeString(c, cProgram(), StandardCharsets.UTF_8);
        Path exe = work.resolve("layout_truth");
        String compile = run(List.of("gcc", "-std=gnu11", "-Wall", "-Werror", "-I", NEWER.getParent().toString(),
                "-o", exe.toString(), c.toString()));
        assertThat(Files.exists(exe)).as("gcc output:\n" + compile).isTrue();
        for (String line : run(List.of(exe.toString())).split("\n")) {
            String[] kv = line.split(" ");
            truth.put(kv[0], Long.parseLong(kv[1]));
        }
    }

    private static String cProgram() throws Exception {
        StringBuilder c = new StringBuilder("""
                #include <stddef.h>
                #include <stdio.h>
                #include <nvml.h>
                #include "nvml_newer.h"
                #define FIELD(t, s, f) printf("%s.%s.offset %zu\\n%s.%s.size %zu\\n", \\
                        #s, #f, offsetof(t, f), #s, #f, sizeof(((t *)0)->f))
                int main(void) {
                """);
        String header = Files.readString(HEADER) + Files.readString(NEWER);
        for (String f : functions) {
            // sizeof of each parameter type as the header declares it (compared with the Java descriptor)
            List<String> params = parameterTypes(header, f);
            c.append("    printf(\"fn.").append(f).append(".arity %d\\n\", ").append(params.size()).append(");\n");
            c.append("    (void) &").append(f).append(";\n");
            for (int i = 0; i < params.size(); i++) {
                c.append("    printf(\"fn.").append(f).append(".arg").append(i).append(" %zu\\n\", sizeof(")
                        .append(params.get(i)).append("));\n");
            }
        }
        for (String s : structs) {
            c.append("    printf(\"").append(s).append(".sizeof %zu\\n\", sizeof(").append(cType(s)).append("));\n");
            for (String field : fields(s).keySet()) {
                c.append("    FIELD(").append(cType(s)).append(", ").append(s).append(", ").append(field).append(");\n");
            }
        }
        for (String k : constants) {
            c.append("    printf(\"const.").append(k).append(" %lld\\n\", (long long) (").append(k).append("));\n");
        }
        return c.append("    return 0;\n}\n").toString();
    }

    /** The parameter types of {@code function}'s declaration in the header text (names dropped). */
    private static List<String> parameterTypes(String header, String function) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("DECLDIR[^;(]*?\\b" + function + "\\s*\\(([^)]*)\\)\\s*;").matcher(header);
        assertThat(m.find()).as("nvml.h declares %s", function).isTrue();
        String list = m.group(1).replaceAll("\\s+", " ").trim();
        List<String> types = new ArrayList<>();
        if (list.equals("void")) {
            return types;
        }
        for (String param : list.split(",")) {
            String p = param.trim();
            // drop the parameter name: the trailing identifier
            types.add(p.replaceAll("[A-Za-z_][A-Za-z0-9_]*$", "").trim());
        }
        return types;
    }

    /**
     * The C type of a bound struct: {@code struct tag} for a tagged struct ({@code nvmlMemory_st}); the
     * typedef itself for an anonymous one, which jextract names after its typedef ({@code nvmlGpmMetric_t}).
     */
    private static String cType(String struct) {
        return struct.endsWith("_st") ? "struct " + struct : struct;
    }

    /**
     * Field path ({@code value}, or {@code metricInfo.unit} inside a nested struct) → layout of the Java
     * struct class named like the C struct tag or typedef. Nested structs contribute themselves and their
     * fields, so offsetof(t, a.b) is compared too.
     */
    private static Map<String, MemoryLayout> fields(String struct) throws Exception {
        Map<String, MemoryLayout> fields = new LinkedHashMap<>();
        addFields(fields, "", layoutOf(struct));
        return fields;
    }

    private static void addFields(Map<String, MemoryLayout> fields, String prefix, GroupLayout layout) {
        for (MemoryLayout m : layout.memberLayouts()) {
            if (!(m instanceof PaddingLayout)) {
                String path = prefix + m.name().orElseThrow();
                fields.put(path, m);
                if (m instanceof GroupLayout nested) {
                    addFields(fields, path + ".", nested);
                }
            }
        }
    }

    private static PathElement[] path(String fieldPath) {
        return java.util.Arrays.stream(fieldPath.split("\\.")).map(PathElement::groupElement).toArray(PathElement[]::new);
    }

    private static GroupLayout layoutOf(String struct) throws Exception {
        return (GroupLayout) Class.forName(RAW + struct).getMethod("layout").invoke(null);
    }

    @Test
    void everyStructHasTheHeadersSizeAndFieldOffsets() throws Exception {
        assertThat(structs).hasSizeGreaterThanOrEqualTo(10).contains("nvmlGpmSupport_t", "nvmlGpmMetric_t",
                "nvmlGpmMetricsGet_t");
        // the nested metricInfo and the metrics[NVML_GPM_METRIC_MAX] array are checked, not just named
        assertThat(truth).containsKeys("nvmlGpmMetric_t.metricInfo.unit.offset", "nvmlGpmMetricsGet_t.metrics.size");
        for (String s : structs) {
            GroupLayout layout = layoutOf(s);
            assertThat(layout.byteSize()).as("sizeof(struct %s)", s).isEqualTo(truth.get(s + ".sizeof"));
            for (Map.Entry<String, MemoryLayout> f : fields(s).entrySet()) {
                long offset = layout.byteOffset(path(f.getKey()));
                assertThat(offset).as("offsetof(struct %s, %s)", s, f.getKey()).isEqualTo(truth.get(s + "." + f.getKey() + ".offset"));
                assertThat(f.getValue().byteSize()).as("sizeof(%s.%s)", s, f.getKey())
                        .isEqualTo(truth.get(s + "." + f.getKey() + ".size"));
            }
            // The typedef class (jextract emits one per typedef of a tagged struct) shares the layout.
            if (s.endsWith("_st")) {
                Class<?> typedef = Class.forName(RAW + s.replaceAll("_st$", "_t"));
                assertThat(typedef.getSuperclass().getSimpleName()).isEqualTo(s);
            }
        }
    }

    @Test
    void everyConstantHasTheHeadersValue() throws Exception {
        assertThat(constants).hasSizeGreaterThanOrEqualTo(40);
        for (String k : constants) {
            Method m = nvml_h.class.getMethod(k);
            long java = ((Number) m.invoke(null)).longValue();
            assertThat(java).as("constant %s", k).isEqualTo(truth.get("const." + k));
        }
    }

    @Test
    void everyFunctionHasTheHeadersArityAndArgumentSizes() throws Exception {
        assertThat(functions).hasSizeGreaterThanOrEqualTo(40);
        // Descriptors live beside the resolved address (jextract's shape): resolving them against the
        // simulator also proves it exports every bound function.
        Nvml.bind(io.gpuagent.nvml.sim.SimulatedNvml.extractLibrary(io.gpuagent.nvml.sim.SimulatedNvml.LIBRARY).toString());
        for (String f : functions) {
            java.lang.foreign.FunctionDescriptor d =
                    (java.lang.foreign.FunctionDescriptor) nvml_h.class.getMethod(f + "$descriptor").invoke(null);
            assertThat((long) d.argumentLayouts().size()).as("arity of %s", f).isEqualTo(truth.get("fn." + f + ".arity"));
            for (int i = 0; i < d.argumentLayouts().size(); i++) {
                assertThat(d.argumentLayouts().get(i).byteSize()).as("size of argument %d of %s", i, f)
                        .isEqualTo(truth.get("fn." + f + ".arg" + i));
            }
        }
        // and nothing is bound that the arguments file does not name
        long bound = java.util.Arrays.stream(nvml_h.class.getDeclaredMethods())
                .filter(m -> m.getName().endsWith("$descriptor")).count();
        assertThat(bound).isEqualTo(functions.size());
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
