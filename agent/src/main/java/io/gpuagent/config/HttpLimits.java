package io.gpuagent.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on the agent's HTTP server, which every pod of a cluster can usually reach: how long a client may take
 * to send a request, to sit idle between requests and to take a response, and how many connections it may hold.
 * Prometheus sends a whole request at once, reads the answer at once and needs a handful of connections, so the
 * defaults leave it far inside the bounds while a slow, broken or hostile client is cut off (docs/security.md).
 *
 * @param headerTimeout longest from the start of a request to the end of its headers; on a new connection it counts
 *     from the connection (TLS handshake included)
 * @param idleTimeout longest a kept-alive connection may wait for its next request; above the scrape interval, or
 *     Prometheus reconnects for every scrape
 * @param writeTimeout longest from the end of a request's headers until its response is sent (a client that does
 *     not read its response holds a connection that cannot be reused)
 * @param maxConnections most client connections served at once
 */
public record HttpLimits(Duration headerTimeout, Duration idleTimeout, Duration writeTimeout, int maxConnections) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    /** Below this a TLS handshake on a busy node may not finish; above it a stalled client holds its slot too long. */
    static final Duration MIN_HEADER_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_HEADER_TIMEOUT = Duration.ofMinutes(5);
    /** The timeouts are checked a few times a second: shorter ones would be rounded up. */
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** The kubelet's probes and a Prometheus need a few connections; past this the limit protects nothing. */
    static final int MIN_MAX_CONNECTIONS = 4;
    static final int MAX_MAX_CONNECTIONS = 10_000;
    /** After the bounds above: the constructor checks against them. */
    public static final HttpLimits DEFAULTS = new HttpLimits(DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
            DEFAULT_WRITE_TIMEOUT, DEFAULT_MAX_CONNECTIONS);

    public HttpLimits {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        check("headerTimeout", headerTimeout, MIN_HEADER_TIMEOUT, MAX_HEADER_TIMEOUT);
        check("idleTimeout", idleTimeout, MIN_TIMEOUT, MAX_TIMEOUT);
        check("writeTimeout", writeTimeout, MIN_TIMEOUT, MAX_TIMEOUT);
        if (maxConnections < MIN_MAX_CONNECTIONS || maxConnections > MAX_MAX_CONNECTIONS) {
            throw new IllegalArgumentException("maxConnections out of range: " + maxConnections);
        }
    }

    private static void check(String name, Duration d, Duration min, Duration max) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " out of range: " + d);
        }
    }

    /** For the start-up line, in flag syntax. */
    String describe() {
        return "http-header-timeout=" + Durations.format(headerTimeout)
                + " http-idle-timeout=" + Durations.format(idleTimeout)
                + " http-write-timeout=" + Durations.format(writeTimeout)
                + " http-max-connections=" + maxConnections;
    }
}
