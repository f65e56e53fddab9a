package io.gpuagent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.config.AgentConfig;
import io.gpuagent.config.ConfigLoader;
import io.gpuagent.config.LoadResult;
import io.gpuagent.source.Supervisor;
import io.gpuagent.web.TestPki;
import io.helidon.webserver.WebServer;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server's bounds on a real Helidon listener over loopback sockets, one misbehaving client at a time,
 * with short limits (1 s; checked every 250 ms): when it is closed, how it is counted, and that the log stays
 * quiet. The whole agent under 10,000 such clients is {@code HostileClientsIT}.
 */
class ConnectionBoundsTest {

    /** How long past a 1 s limit a connection may stay open: the deadline check's period, and a busy machine. */
    static final long SLACK_MS = 1500;

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    final PrometheusRegistry registry = new PrometheusRegistry();
    final List<Socket> sockets = new ArrayList<>();
    Supervisor loops;
    WebServer server;

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
        loops = Supervisor.start(Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        Logger.getLogger("").removeHandler(capture);
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.stop();
        }
        loops.close();
    }

    int start(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--listen=127.0.0.1:0", "--node-name=test",
                "--http-header-timeout=1s", "--http-idle-timeout=1s", "--http-write-timeout=1s",
                "--http-max-connections=4"));
        for (String flag : flags) { // a flag given replaces the test's default
            args.removeIf(a -> a.startsWith(flag.substring(0, flag.indexOf('=') + 1)));
            args.add(flag);
        }
        AgentConfig config = ((LoadResult.Run) ConfigLoader.load(args.toArray(String[]::new), Map.of())).config();
        server = HttpAssembly.load(config).serve(loops, registry, AgentRoutesTest.HEALTHY, () -> null);
        return server.port();
    }

    Socket connect(int port) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        return s;
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** What the server sent until it closed the connection, and after how long; fails past {@code limitMs}. */
    record Closed(String received, long afterMs) {
    }

    static Closed awaitClose(Socket s, long limitMs) throws IOException {
        long start = System.nanoTime();
        s.setSoTimeout((int) limitMs);
        StringBuilder got = new StringBuilder();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + limitMs + " ms; received: " + got);
        } catch (IOException e) {
            // reset by the server: closed as well
        }
        return new Closed(got.toString(), (System.nanoTime() - start) / 1_000_000);
    }

    double counter(String reason) {
        for (MetricSnapshot m : registry.scrape()) {
            if (m instanceof CounterSnapshot c && c.getMetadata().getName().equals("gpu_agent_http_rejected_connections")) {
                return c.getDataPoints().stream().filter(p -> p.getLabels().get("reason").equals(reason))
                        .findFirst().orElseThrow().getValue();
            }
        }
        throw new AssertionError("no gpu_agent_http_rejected_connections");
    }

    double openConnections() {
        for (MetricSnapshot m : registry.scrape()) {
            if (m instanceof GaugeSnapshot g && g.getMetadata().getName().equals("gpu_agent_http_connections")) {
                return g.getDataPoints().getFirst().getValue();
            }
        }
        throw new AssertionError("no gpu_agent_http_connections");
    }

    /** No warning, no error and no stack trace in the log, whoever logged it. */
    void assertQuietLog() {
        assertThat(records).noneMatch(r -> r.getThrown() != null || r.getLevel().intValue() >= Level.WARNING.intValue());
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHalfSentRequestIsClosedAfterTheHeaderTimeout() throws Exception {
        int port = start();
        Socket s = connect(port);
        send(s, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Half: ");
        Closed closed = awaitClose(s, 1000 + SLACK_MS);
        assertThat(closed.afterMs()).isGreaterThanOrEqualTo(900);
        assertThat(closed.received()).isEmpty();
        assertThat(counter("header_timeout")).isOne();
        assertQuietLog();
    }

    @Test
    void aClientThatHangsUpInTheMiddleOfItsHeadersIsNoServerError() throws Exception {
        int port = start();
        Socket s = connect(port);
        send(s, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Half: ");
        s.shutdownOutput(); // the end of the stream, half-way through the headers
        Closed closed = awaitClose(s, 2000);
        assertThat(closed.received()).as("no 500 for a client that left").doesNotContain("500");
        assertThat(counter("incomplete_request")).isOne();
        assertQuietLog();
    }

    @Test
    void aKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        int port = start();
        Socket s = connect(port);
        send(s, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        byte[] answer = new byte[4096];
        int n = s.getInputStream().read(answer);
        assertThat(new String(answer, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
        Closed closed = awaitClose(s, 1000 + SLACK_MS);
        assertThat(closed.afterMs()).isGreaterThanOrEqualTo(900);
        assertThat(counter("idle_timeout")).isOne();
        assertQuietLog();
    }

    @Test
    void aRequestThatAsksToCloseIsAnsweredAndTheConnectionClosed() throws Exception {
        int port = start("--http-idle-timeout=1m");
        Socket s = connect(port);
        send(s, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Closed closed = awaitClose(s, 2000); // the kubelet's probes ask for this, and read to the end
        assertThat(closed.received()).startsWith("HTTP/1.1 200").contains("Connection: close").endsWith("ok\n");
        assertThat(closed.afterMs()).isLessThan(1000);
        for (Rejection r : Rejection.values()) {
            assertThat(counter(r.label())).as("nothing the client did wrong: %s", r.label()).isZero();
        }
        assertThat(openConnections()).isZero();
        assertQuietLog();
    }

    @Test
    void atTheLimitANewConnectionTakesThePlaceOfTheOneWaitingLongest() throws Exception {
        int port = start("--http-header-timeout=1m");
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            silent.add(connect(port));
            Thread.sleep(50); // accepted in this order
        }
        awaitOpen(4);
        assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
        Closed first = awaitClose(silent.getFirst(), 2000);
        assertThat(first.received()).isEmpty();
        assertThat(counter("connection_limit")).isOne();
        assertThat(openConnections()).isLessThanOrEqualTo(4);
        for (Socket s : silent.subList(1, 4)) {
            assertThat(stillOpen(s)).isTrue();
        }
        assertQuietLog();
    }

    @Test
    void aMalformedRequestIsABadRequest() throws Exception {
        int port = start();
        Socket s = connect(port);
        send(s, "GET /metrics HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
        Closed closed = awaitClose(s, 2000);
        assertThat(closed.received()).startsWith("HTTP/1.1 400");
        assertThat(counter("bad_request")).isOne();
        assertQuietLog();
    }

    @Test
    void onTheTlsListenerAHandshakeThatNeverEndsIsClosedAfterTheHeaderTimeoutAndPlainHttpIsATlsError(
            @TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir);
        Path web = pki.serverWebConfig("IP:127.0.0.1");
        int port = start("--web-config-file=" + web);
        Socket handshake = connect(port);
        send(handshake, "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"); // a ClientHello cut short
        Closed stalled = awaitClose(handshake, 1000 + SLACK_MS);
        assertThat(stalled.afterMs()).isGreaterThanOrEqualTo(900);
        assertThat(counter("header_timeout")).isOne();

        Socket plain = connect(port);
        send(plain, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        awaitClose(plain, 2000);
        assertThat(counter("tls_error")).isOne();
        assertQuietLog();
    }

    @Test
    void onTheTlsListenerRecordsLargerThanAConnectionsFirstBuffersAreReadAndWrittenWhole(@TempDir Path dir)
            throws Exception {
        TestPki pki = new TestPki(dir);
        Path web = pki.serverWebConfig("IP:127.0.0.1");
        // a page of several records: 4,000 series of about 60 bytes
        Gauge wide = Gauge.builder().name("test_wide").help("A wide family.").labelNames("i").register(registry);
        for (int i = 0; i < 4000; i++) {
            wide.labelValues("series-" + i + "-" + "x".repeat(30)).set(i);
        }
        int port = start("--web-config-file=" + web);
        SSLSocket s = (SSLSocket) TestPki.trusting(pki.ca()).getSocketFactory().createSocket();
        sockets.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        // a ClientHello of about 3 kB, over the connection's first record buffer (HandshakeGate.StartingSession)
        SSLParameters params = s.getSSLParameters();
        List<String> protocols = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            protocols.add("x-padding-" + i + "-" + "p".repeat(230));
        }
        protocols.add("http/1.1");
        params.setApplicationProtocols(protocols.toArray(String[]::new));
        s.setSSLParameters(params);
        s.startHandshake();
        // a request of one 9 kB record: a header over the first receiving buffers
        send(s, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Padding: " + "h".repeat(9000)
                + "\r\nConnection: close\r\n\r\n");
        Closed answer = awaitClose(s, 5000);
        assertThat(answer.received()).startsWith("HTTP/1.1 200").contains("test_wide{i=\"series-3999-")
                .hasSizeGreaterThan(4000 * 50);
        assertQuietLog();
    }

    private void awaitOpen(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (openConnections() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(openConnections()).isEqualTo(n);
    }

    /** Whether the server keeps {@code s} open, sending nothing, for 100 ms. */
    private static boolean stillOpen(Socket s) throws IOException {
        s.setSoTimeout(100);
        try {
            s.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }
}
