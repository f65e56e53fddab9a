package io.gpuagent.source;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Faults injected into sources by the tests of the packaged agent, to prove that no failure of a collection
 * loop goes unseen: {@code <source>:<fault>[@<after-runs>]}, comma-separated, e.g. {@code pod-resources:hang@2}.
 * A fault is {@code error} (every refresh throws an {@link Error}), {@code hang} (a refresh never returns) or
 * {@code die} (the loop's thread ends, as on an {@link OutOfMemoryError}). The agent reads them from
 * {@value #ENVIRONMENT} only while it runs on simulated GPUs ({@code --simulate}), so no production agent can
 * be made to fail by accident; elsewhere the variable is ignored, with a warning.
 */
public final class InjectedFaults {

    public static final String ENVIRONMENT = "GPU_AGENT_TEST_ONLY_INJECT_FAULTS";
    public static final InjectedFaults NONE = new InjectedFaults(Map.of());
    private static final Logger LOG = System.getLogger("io.gpuagent.source");

    enum Kind { ERROR, HANG, DIE }

    record Fault(Kind kind, int afterRuns) {
    }

    private final Map<String, Fault> bySource;

    private InjectedFaults(Map<String, Fault> bySource) {
        this.bySource = Map.copyOf(bySource);
    }

    /**
     * The faults {@code env} asks for, if {@code simulated}; else none (and a warning if some were asked for).
     *
     * @throws IllegalArgumentException naming the entry that does not parse
     */
    public static InjectedFaults fromEnvironment(Map<String, String> env, boolean simulated) {
        String spec = env.getOrDefault(ENVIRONMENT, "").strip();
        if (spec.isEmpty()) {
            return NONE;
        }
        if (!simulated) {
            LOG.log(Level.WARNING, ENVIRONMENT + " is set but ignored: faults are injected on simulated GPUs only");
            return NONE;
        }
        InjectedFaults faults = parse(spec);
        LOG.log(Level.WARNING, "injecting faults for a test: " + spec);
        return faults;
    }

    static InjectedFaults parse(String spec) {
        Map<String, Fault> out = new HashMap<>();
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not <source>:<fault>: " + e);
            }
            String what = e.substring(colon + 1);
            int at = what.indexOf('@');
            int after = 0;
            if (at >= 0) {
                try {
                    after = Integer.parseInt(what.substring(at + 1));
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("not a run count after @: " + e);
                }
                what = what.substring(0, at);
            }
            Kind kind;
            try {
                kind = Kind.valueOf(what.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("unknown fault " + what + " (error, hang, die): " + e);
            }
            out.put(e.substring(0, colon), new Fault(kind, Math.max(0, after)));
        }
        return new InjectedFaults(out);
    }

    Optional<Fault> of(String source) {
        return Optional.ofNullable(bySource.get(source));
    }

    /** {@code source} itself, or with its fault injected. */
    <T> Source<T> into(Source<T> source) {
        Fault f = bySource.get(source.name());
        return f == null ? source : new Faulty<>(source, f);
    }

    private static final class Faulty<T> implements Source<T> {
        private final Source<T> source;
        private final Fault fault;
        private int runs;

        Faulty(Source<T> source, Fault fault) {
            this.source = source;
            this.fault = fault;
        }

        @Override
        public String name() {
            return source.name();
        }

        @Override
        public String title() {
            return source.title();
        }

        @Override
        public String stallReason(Duration running) {
            return source.stallReason(running);
        }

        @Override
        public boolean restartCuresHang() {
            return source.restartCuresHang();
        }

        @Override
        public Outcome<T> refresh() throws Exception {
            if (runs++ < fault.afterRuns()) {
                return source.refresh();
            }
            switch (fault.kind()) {
                case ERROR -> throw new AssertionError("injected fault: " + name() + " throws an Error");
                case HANG -> {
                    Thread.sleep(Long.MAX_VALUE); // until the agent stops
                    throw new IllegalStateException("unreachable");
                }
                case DIE -> throw new OutOfMemoryError("injected fault: " + name() + " loop thread dies");
                default -> throw new IllegalStateException(fault.kind().name());
            }
        }
    }
}
