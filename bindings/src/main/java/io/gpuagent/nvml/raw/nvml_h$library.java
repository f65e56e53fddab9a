// Hand-written companion of the generated nvml_h: the one place that differs from jextract's output.
package io.gpuagent.nvml.raw;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;

/**
 * The symbol lookup behind {@link nvml_h}. jextract bakes the library into the generated class
 * ({@code --library}); the agent chooses it at run time ({@code --nvml-library}, {@code --simulate}),
 * so the generated code resolves symbols through here, lazily, on the first call of each function.
 *
 * <p>A JVM binds one library for its life: the generated method handles are constants once resolved.
 * Binding can be retried until it succeeds (the driver may be installed after the agent starts).
 */
public final class nvml_h$library {

    private static volatile SymbolLookup bound;
    private static String boundName;

    private nvml_h$library() {
    }

    /**
     * Loads the library: a path (contains '/') is opened as a file, anything else through the
     * system loader (dlopen's search: LD_LIBRARY_PATH, ld.so.cache, ...).
     *
     * @throws IllegalArgumentException if the library cannot be loaded (the message says why)
     * @throws IllegalStateException if another library is already bound in this JVM
     */
    public static synchronized void bind(String nameOrPath) {
        if (bound != null) {
            if (boundName.equals(nameOrPath)) {
                return;
            }
            throw new IllegalStateException("NVML already bound to " + boundName + ", cannot bind " + nameOrPath);
        }
        // The global arena: a bound library is never unloaded (resolved handles point into it).
        SymbolLookup lookup = nameOrPath.contains("/")
                ? SymbolLookup.libraryLookup(Path.of(nameOrPath), Arena.global())
                : SymbolLookup.libraryLookup(nameOrPath, Arena.global());
        boundName = nameOrPath;
        bound = lookup;
    }

    /** The library bound in this JVM, if any. */
    public static synchronized java.util.Optional<String> boundName() {
        return java.util.Optional.ofNullable(boundName);
    }

    /** The bound library's lookup; fails if nothing is bound yet. */
    public static SymbolLookup current() {
        SymbolLookup lookup = bound;
        if (lookup == null) {
            throw new IllegalStateException("no NVML library bound: call nvml_h$library.bind first");
        }
        return lookup;
    }
}
