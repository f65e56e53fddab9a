package io.gpuagent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The Helidon side of prometheus-metrics' {@code PrometheusScrapeHandler}: content negotiation, gzip,
 * {@code name[]} filters and HEAD stay in the handler; this only moves headers and bytes.
 */
final class HelidonExchange implements PrometheusHttpExchange {

    private static final Logger LOG = System.getLogger("io.gpuagent.http");

    private final ServerRequest req;
    private final ServerResponse res;

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
                res.header(HeaderNames.create(name), value);
            }

            @Override
            public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
                res.status(Status.create(statusCode));
                if (contentLength > 0) {
                    res.contentLength(contentLength);
                }
                return res.outputStream();
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
        if (!res.isSent()) {
            res.status(Status.INTERNAL_SERVER_ERROR_500).send("scrape failed: " + e.getMessage() + "\n");
        }
    }

    @Override
    public void close() {
        // Helidon completes the response when the output stream is closed by the handler.
    }

}
