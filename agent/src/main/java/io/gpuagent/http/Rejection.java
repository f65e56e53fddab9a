package io.gpuagent.http;

/**
 * Why the agent closed or refused a client's connection: the {@code reason} label of
 * {@code gpu_agent_http_rejected_connections_total}. Each is something a client did (or failed to do), never a
 * server error.
 */
enum Rejection {
    /** Over {@code --http-max-connections}: refused, or a connection waiting for a request closed to make room. */
    CONNECTION_LIMIT("connection_limit"),
    /** No complete request line and headers within {@code --http-header-timeout} (TLS handshake included). */
    HEADER_TIMEOUT("header_timeout"),
    /** A kept-alive connection waited longer than {@code --http-idle-timeout} for its next request. */
    IDLE_TIMEOUT("idle_timeout"),
    /** A response not taken by the client within {@code --http-write-timeout}. */
    WRITE_TIMEOUT("write_timeout"),
    /** The client hung up (or reset the connection) in the middle of a request. */
    INCOMPLETE_REQUEST("incomplete_request"),
    /** A request line or headers the server could not accept (malformed, too long): answered 4xx and closed. */
    BAD_REQUEST("bad_request"),
    /** A TLS handshake that failed: not TLS, no shared version or cipher, a client certificate refused. */
    TLS_ERROR("tls_error");

    private final String label;

    Rejection(String label) {
        this.label = label;
    }

    /** The {@code reason} label value. */
    String label() {
        return label;
    }
}
