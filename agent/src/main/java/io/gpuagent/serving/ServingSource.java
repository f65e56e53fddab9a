package io.gpuagent.serving;

import io.gpuagent.problem.ProblemLog;
import io.gpuagent.source.Outcome;
import io.gpuagent.source.Source;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The serving source: reads every discovered inference server on its own schedule and normalizes its
 * queue metrics into one vocabulary. A target that fails costs that target ({@code inference_up 0}),
 * never the others or the agent. Failing is: no answer in time, an HTTP error, a body over the cap,
 * or an answer without a single readable sample.
 */
public final class ServingSource implements Source<List<ServingSource.TargetReading>> {

    public static final String SOURCE = "serving";
    private static final Logger LOG = System.getLogger("io.gpuagent.serving");
    private static final TargetReader.Result NOT_READ = new TargetReader.Failed("not read", Duration.ZERO);

    /** Fetches metrics bodies: the HTTP reader ({@link TargetReader}) in production, a fake in tests. */
    @FunctionalInterface
    public interface Fetcher {
        /** Every URI gets an entry: the body, or why there is none. */
        Map<URI, TargetReader.Result> readAll(Collection<URI> uris);
    }

    /** One target at one read. */
    public record TargetReading(Target target, boolean up, ServerKind server, List<Signal> signals, String problem) {
    }

    private final Supplier<List<Target>> targets;
    private final Fetcher fetcher;
    private final Map<URI, ParsedMetrics> previous = new HashMap<>();
    /** Each failing target's problem, logged when it starts and when it ends. */
    private final ProblemLog problems = new ProblemLog(LOG);

    public ServingSource(Supplier<List<Target>> targets, Fetcher fetcher) {
        this.targets = targets;
        this.fetcher = fetcher;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    /** Reads every target once; a target that fails costs that target only. */
    @Override
    public synchronized Outcome<List<TargetReading>> refresh() {
        List<Target> current = targets.get();
        Map<URI, TargetReader.Result> fetched = fetcher.readAll(current.stream().map(Target::uri).toList());
        List<TargetReading> readings = new java.util.ArrayList<>(current.size());
        long failures = 0;
        for (Target t : current) {
            TargetReader.Result r = fetched.getOrDefault(t.uri(), NOT_READ);
            ParsedMetrics parsed = r instanceof TargetReader.Ok ok ? ExpositionParser.parse(ok.body()) : null;
            String problem = switch (r) {
                case TargetReader.Failed f -> f.reason();
                // an HTML page, JSON, an empty body: something answers there, but not a metrics endpoint
                case TargetReader.Ok ok -> parsed.sampleCount() == 0 ? "no Prometheus samples in the response ("
                        + parsed.badLines() + " unreadable lines): not a metrics endpoint?" : null;
            };
            if (problem != null) {
                if (parsed != null) {
                    previous.remove(t.uri()); // an answer that is no page is no base for the next window
                }
                failures++;
                report(t, problem);
                readings.add(new TargetReading(t, false, t.server().orElse(ServerKind.GENERIC), List.of(), problem));
                continue;
            }
            ServerKind kind = t.server().orElseGet(() -> ServerDetector.detect(parsed));
            List<Signal> signals = kind == ServerKind.GENERIC && !t.generic().isEmpty()
                    ? Normalizer.generic(parsed, t.generic())
                    : Normalizer.normalize(kind, parsed, Optional.ofNullable(previous.get(t.uri())));
            previous.put(t.uri(), parsed);
            problems.clear(t.uri().toString(), "serving target " + t.namespace() + "/" + t.pod() + " answers again");
            readings.add(new TargetReading(t, true, kind, signals, ""));
        }
        // forget targets that went away (their windows would be stale if they came back)
        java.util.Set<String> live = current.stream().map(t -> t.uri().toString())
                .collect(java.util.stream.Collectors.toSet());
        previous.keySet().removeIf(uri -> !live.contains(uri.toString()));
        problems.forgetUnless(live::contains);
        return Outcome.up(List.copyOf(readings), failures);
    }

    private void report(Target t, String why) {
        problems.report(t.uri().toString(), why, Level.WARNING,
                "serving target " + t.namespace() + "/" + t.pod() + " (" + t.uri() + "): " + why, null);
    }
}
