package io.gpuagent.nvml.sim;

import io.gpuagent.nvml.raw.nvml_h$library;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The simulated NVML bundled in this jar (built from {@code src/main/c/sim} by the build): where its
 * library and scenarios are, and its control functions (not part of NVML). See docs/simulated-nvml.md.
 */
public final class SimulatedNvml {

    private static final String BASE = "/io/gpuagent/nvml/sim/";
    /** The full simulator, and one built as an older driver without some functions. */
    public static final String LIBRARY = "libnvidia-ml-sim.so";
    public static final String OLD_DRIVER_LIBRARY = "libnvidia-ml-sim-old.so";

    private SimulatedNvml() {
    }

    private static final java.util.Map<String, Path> EXTRACTED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Copies the bundled library out of the jar (dlopen needs a file) and returns its path; once per JVM
     * and name, since a JVM binds one NVML library for its life.
     */
    public static Path extractLibrary(String name) {
        return EXTRACTED.computeIfAbsent(name, n -> extract(BASE + "linux-x86_64/" + n, n));
    }

    /**
     * Resolves a scenario: an existing file as it is, else a bundled scenario by name
     * ({@code default}, {@code test-node}, {@code time-sliced}, {@code large-node}, {@code gpm-node}, {@code device-health}, with or without
     * {@code .conf}).
     *
     * @throws IllegalArgumentException naming what was looked for when neither exists
     */
    public static Path resolveScenario(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            return file.toAbsolutePath();
        }
        String name = nameOrPath.endsWith(".conf") ? nameOrPath : nameOrPath + ".conf";
        if (!name.contains("/") && SimulatedNvml.class.getResource(BASE + "scenarios/" + name) != null) {
            return extract(BASE + "scenarios/" + name, name);
        }
        throw new IllegalArgumentException("no scenario file " + nameOrPath + " and no bundled scenario of that name");
    }

    /** Tells the bound simulator which scenario the next nvmlInit loads. */
    public static void setScenario(Path scenario) {
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle h = handle("simnvml_set_scenario", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            int rc = (int) h.invokeExact(arena.allocateFrom(scenario.toString()));
            if (rc != 0) {
                throw new IllegalStateException("simnvml_set_scenario(" + scenario + ") answered " + rc);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The simulator's last scenario error (file, line, what), or "" if none. */
    public static String lastError() {
        try {
            MethodHandle h = handle("simnvml_last_error", FunctionDescriptor.of(ValueLayout.ADDRESS));
            MemorySegment s = (MemorySegment) h.invokeExact();
            return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(4096).getString(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle handle(String symbol, FunctionDescriptor descriptor) {
        MemorySegment address = nvml_h$library.current().find(symbol)
                .orElseThrow(() -> new IllegalStateException("the bound NVML library is not the simulator: no " + symbol));
        return Linker.nativeLinker().downcallHandle(address, descriptor);
    }

    private static Path extract(String resource, String fileName) {
        try (InputStream in = SimulatedNvml.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + resource + " (was the simulator built?)");
            }
            Path dir = Files.createTempDirectory("gpu-agent-sim");
            Path file = dir.resolve(fileName);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource, e);
        }
    }
}
