package io.gpuagent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.config.HttpLimits;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The log line about rejected connections: prompt after a quiet minute, then at most one a minute. */
class RejectionLogTest {

    static final String TAIL = "; at most one such line a minute, counted in gpu_agent_http_rejected_connections_total";

    final AtomicLong now = new AtomicLong(5_000_000_000L);
    final Map<Rejection, Long> counts = new EnumMap<>(Rejection.class);
    final RejectionLog log = new RejectionLog(() -> new EnumMap<>(counts), HttpLimits.DEFAULTS, now::get);

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    void add(Rejection r, long n) {
        counts.merge(r, n, Long::sum);
    }

    @Test
    void theFirstRejectionIsLoggedAtOnceThenAtMostOneLineAMinute() {
        assertThat(log.poll()).isEmpty();
        advance(Duration.ofSeconds(30));
        add(Rejection.HEADER_TIMEOUT, 1);
        assertThat(log.poll()).contains("closed 1 HTTP client connection in the last 30s:"
                + " header_timeout 1 (no whole request within 5s)" + TAIL);

        for (int i = 0; i < 59; i++) {
            advance(Duration.ofSeconds(1));
            add(Rejection.CONNECTION_LIMIT, 100);
            add(Rejection.IDLE_TIMEOUT, 1);
            assertThat(log.poll()).as("second %d", i + 1).isEmpty();
        }
        advance(Duration.ofSeconds(1));
        assertThat(log.poll()).contains("closed 5959 HTTP client connections in the last 1m:"
                + " connection_limit 5900 (over 64 connections), idle_timeout 59 (idle for 2m)" + TAIL);
        assertThat(log.poll()).isEmpty();
    }

    @Test
    void aQuietMinuteLogsNothingAndTheNextRejectionIsLoggedAtOnce() {
        add(Rejection.TLS_ERROR, 2);
        assertThat(log.poll()).isPresent();
        advance(Duration.ofMinutes(5));
        assertThat(log.poll()).isEmpty();
        add(Rejection.BAD_REQUEST, 1);
        add(Rejection.INCOMPLETE_REQUEST, 3);
        add(Rejection.WRITE_TIMEOUT, 1);
        assertThat(log.poll()).contains("closed 5 HTTP client connections in the last 5m: write_timeout 1 (response"
                + " not taken within 30s), incomplete_request 3 (client hung up mid-request), bad_request 1"
                + " (malformed or oversized request)" + TAIL);
    }
}
