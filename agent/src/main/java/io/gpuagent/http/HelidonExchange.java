package io.gpuagent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * The Helidon side of prometheus-metrics' {@code PrometheusScrapeHandler}: content negotiation, gzip,
 * {@code name[]} filters and HEAD stay in the handler; this only moves headers and bytes.
 *
 * <p>The handler may run on another thread than Helidon's request thread ({@link AgentRoutes} renders
 * on platform threads): the response is captured here, status, headers and body, and only
 * {@link #commit()}, called on the request thread, touches Helidon's response.
 */
final class HelidonExchange implements PrometheusHttpExchange {

    private static final Logger LOG = System.getLogger("io.gpuagent.http");

    private final ServerRequest req;
    private final ServerResponse res;
    private final List<String[]> headers = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(0);
    private int status = -1;
    private int contentLength;
    private RuntimeException failure;

    HelidonExchange(ServerRequest req, ServerResponse res) {
        this.req = req;
        this.res = res;
    }

    @Override
    public PrometheusHttpRequest getRequest() {
        return new PrometheusHttpRequest() {
            @Override
            public String getQueryString() {
                String raw = req.query().rawValue();
                return raw.isEmpty() ? null : raw;
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                List<String> values = req.headers().contains(HeaderNames.create(name))
                        ? req.headers().get(HeaderNames.create(name)).allValues() : List.of();
                return Collections.enumeration(values);
            }

            @Override
            public String getMethod() {
                return req.prologue().method().text();
            }

            @Override
            public String getRequestPath() {
                return req.path().path();
            }
        };
    }

    @Override
    public PrometheusHttpResponse getResponse() {
        return new PrometheusHttpResponse() {
            @Override
            public void setHeader(String name, String value) {
                headers.add(new String[] {name, value});
            }

            @Override
            public OutputStream sendHeadersAndGetBody(int statusCode, int length) {
                status = statusCode;
                contentLength = length;
                return body;
            }
        };
    }

    @Override
    public void handleException(IOException e) throws IOException {
        LOG.log(Level.DEBUG, "scrape I/O failed (client gone?)", e);
        throw e;
    }

    @Override
    public void handleException(RuntimeException e) {
        LOG.log(Level.ERROR, "scrape failed", e);
        failure = e;
    }

    /** A complete response as the handler produced it, to send now or again for the same page. */
    record Captured(int status, List<String[]> headers, int contentLength, byte[] body) {
    }

    /** What the handler produced, if it succeeded. */
    Optional<Captured> captured() {
        if (failure != null || status < 0) {
            return Optional.empty();
        }
        return Optional.of(new Captured(status, List.copyOf(headers), contentLength, body.toByteArray()));
    }

    /** Sends what the handler produced; on Helidon's request thread, after the handler returned. */
    void commit() throws IOException {
        Optional<Captured> done = captured();
        if (done.isEmpty()) {
            if (!res.isSent()) {
                res.status(Status.INTERNAL_SERVER_ERROR_500).send("scrape failed\n");
            }
            return;
        }
        send(res, done.get());
    }

    /** Sends {@code response} on Helidon's request thread. */
    static void send(ServerResponse res, Captured response) throws IOException {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(response.status()));
        for (String[] h : response.headers()) {
            res.header(HeaderNames.create(h[0]), h[1]);
        }
        if (response.contentLength() > 0) {
            res.contentLength(response.contentLength());
        }
        try (OutputStream out = res.outputStream()) {
            out.write(response.body());
        }
    }

    @Override
    public void close() {
        // Helidon completes the response when the output stream is closed by the handler.
    }

}
