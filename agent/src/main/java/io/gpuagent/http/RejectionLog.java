package io.gpuagent.http;

import io.gpuagent.config.Durations;
import io.gpuagent.config.HttpLimits;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The log's view of rejected client connections: at most one line a minute, saying how many of each kind since the
 * last line, never a stack trace (a client that hangs up is no server error). The first rejection after a quiet
 * minute is reported at once, the ones after it with the next line. Called from one thread (the guard's task).
 */
final class RejectionLog {

    static final Duration PERIOD = Duration.ofMinutes(1);

    private final Supplier<Map<Rejection, Long>> counts;
    private final HttpLimits limits;
    private final LongSupplier nanoTime;
    private Map<Rejection, Long> reported = new EnumMap<>(Rejection.class);
    private long lastLine;
    private boolean lineBefore;

    RejectionLog(Supplier<Map<Rejection, Long>> counts, HttpLimits limits, LongSupplier nanoTime) {
        this.counts = counts;
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.lastLine = nanoTime.getAsLong();
    }

    /** The line to log now, if a minute has passed since the last one and there is news. */
    Optional<String> poll() {
        long now = nanoTime.getAsLong();
        if (lineBefore && now - lastLine < PERIOD.toNanos()) {
            return Optional.empty();
        }
        Map<Rejection, Long> current = counts.get();
        long total = 0;
        StringJoiner kinds = new StringJoiner(", ");
        for (Map.Entry<Rejection, Long> e : current.entrySet()) {
            long n = e.getValue() - reported.getOrDefault(e.getKey(), 0L);
            if (n > 0) {
                total += n;
                kinds.add(e.getKey().label() + " " + n + " (" + meaning(e.getKey()) + ")");
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        String window = Durations.format(Duration.ofSeconds(Math.max(1, Math.round((now - lastLine) / 1e9))));
        reported = new EnumMap<>(current);
        lastLine = now;
        lineBefore = true;
        return Optional.of("closed " + total + " HTTP client connection" + (total == 1 ? "" : "s") + " in the last "
                + window + ": " + kinds + "; at most one such line a minute,"
                + " counted in gpu_agent_http_rejected_connections_total");
    }

    private String meaning(Rejection r) {
        return switch (r) {
            case CONNECTION_LIMIT -> "over " + limits.maxConnections() + " connections";
            case HEADER_TIMEOUT -> "no whole request within " + Durations.format(limits.headerTimeout());
            case IDLE_TIMEOUT -> "idle for " + Durations.format(limits.idleTimeout());
            case WRITE_TIMEOUT -> "response not taken within " + Durations.format(limits.writeTimeout());
            case INCOMPLETE_REQUEST -> "client hung up mid-request";
            case BAD_REQUEST -> "malformed or oversized request";
            case TLS_ERROR -> "TLS handshake failed";
        };
    }
}
