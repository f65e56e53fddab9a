package io.gpuagent.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.gpuagent.serving.TargetReader.Failed;
import io.gpuagent.serving.TargetReader.Ok;
import io.gpuagent.serving.TargetReader.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TargetReaderTest {

    private static final Duration CONNECT = Duration.ofMillis(500);
    private static final Duration READ = Duration.ofMillis(1000);
    private static final long SLACK_MS = 700;

    private final List<AutoCloseable> cleanup = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : cleanup) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private TargetReader reader(long maxBytes, int maxConcurrent) {
        TargetReader r = new TargetReader(CONNECT, READ, maxBytes, maxConcurrent);
        cleanup.add(r);
        return r;
    }

    private TargetReader reader() {
        return reader(1024 * 1024, 8);
    }

    private URI serve(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", handler);
        server.start();
        cleanup.add(() -> server.stop(0));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
        ex.close();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    /** A raw socket server; each accepted connection is handled by {@code conn} on its own thread. */
    private URI rawServer(SocketHandler conn) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        cleanup.add(() -> {
            ss.close();
            for (Socket s : accepted) {
                s.close();
            }
        });
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100 && !ss.isClosed(); i++) {
                try {
                    Socket s = ss.accept();
                    accepted.add(s);
                    Thread.ofVirtual().start(() -> {
                        try {
                            conn.handle(s);
                        } catch (IOException | InterruptedException ignored) {
                            // client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return URI.create("http://127.0.0.1:" + ss.getLocalPort() + "/metrics");
    }

    interface SocketHandler {
        void handle(Socket s) throws IOException, InterruptedException;
    }

    private static void readRequestHead(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 64 * 1024 && matched < 4; i++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static String reason(Result r) {
        assertThat(r).isInstanceOf(Failed.class);
        return ((Failed) r).reason();
    }

    @Test
    void okBodyAndRequestHeaders() throws IOException {
        AtomicReference<String> accept = new AtomicReference<>();
        AtomicReference<String> encoding = new AtomicReference<>();
        URI uri = serve(ex -> {
            accept.set(ex.getRequestHeaders().getFirst("Accept"));
            encoding.set(ex.getRequestHeaders().getFirst("Accept-Encoding"));
            respond(ex, 200, "vllm:num_requests_running 3\n".getBytes(StandardCharsets.UTF_8));
        });
        Result r = reader().read(uri);
        assertThat(r).isInstanceOf(Ok.class);
        assertThat(((Ok) r).body()).isEqualTo("vllm:num_requests_running 3\n");
        assertThat(r.took()).isPositive();
        assertThat(accept.get()).isEqualTo(
                "text/plain;version=0.0.4;q=0.9, application/openmetrics-text;version=1.0.0;q=0.5");
        assertThat(encoding.get()).isEqualTo("gzip");
    }

    @Test
    void gzipBodyIsDecompressed() throws IOException {
        byte[] plain = "a 1\nb 2\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] packed = gzip(plain);
        URI uri = serve(ex -> {
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            respond(ex, 200, packed);
        });
        Result r = reader().read(uri);
        assertThat(r).isInstanceOf(Ok.class);
        assertThat(((Ok) r).body()).isEqualTo(new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void http500Fails() throws IOException {
        URI uri = serve(ex -> respond(ex, 500, "boom".getBytes(StandardCharsets.UTF_8)));
        assertThat(reason(reader().read(uri))).isEqualTo("HTTP 500");
    }

    @Test
    void connectionRefused() throws IOException {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        Result r = reader().read(URI.create("http://127.0.0.1:" + port + "/metrics"));
        assertThat(reason(r)).isEqualTo("connection refused");
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws IOException {
        URI uri = rawServer(s -> {
            readRequestHead(s);
            Thread.sleep(4000); // never answers within the test
        });
        Result r = reader().read(uri);
        assertThat(reason(r)).startsWith("timed out after");
        assertThat(r.took().toMillis()).isLessThan(READ.toMillis() + SLACK_MS);
    }

    @Test
    void slowlorisIsBoundedByReadTimeout() throws IOException {
        URI uri = rawServer(s -> {
            readRequestHead(s);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 25; i++) { // at most 5 s
                out.write('x');
                out.flush();
                Thread.sleep(200);
            }
        });
        Result r = reader().read(uri);
        assertThat(reason(r)).isEqualTo("timed out after 1s");
        assertThat(r.took().toMillis()).isLessThan(READ.toMillis() + SLACK_MS);
    }

    @Test
    void endlessBodyStopsAtCap() throws IOException {
        AtomicInteger written = new AtomicInteger();
        URI uri = rawServer(s -> {
            readRequestHead(s);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x 1\n".repeat(2048).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20_000; i++) { // bounded: ~160 MiB at most
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        });
        Result r = reader(64 * 1024, 8).read(uri);
        assertThat(reason(r)).isEqualTo("body over 65536 bytes");
        assertThat(r.took().toMillis()).isLessThan(READ.toMillis() + SLACK_MS);
    }

    @Test
    void gzipBombFailsAtCap() throws IOException {
        byte[] bomb = gzip(new byte[32 * 1024 * 1024]); // ~32 KiB compressed
        assertThat(bomb.length).isLessThan(1024 * 1024);
        URI uri = serve(ex -> {
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            respond(ex, 200, bomb);
        });
        Result r = reader(1024 * 1024, 8).read(uri);
        assertThat(reason(r)).isEqualTo("body over 1048576 bytes");
    }

    @Test
    void redirectIsNotFollowed() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        URI uri = serve(ex -> {
            hits.incrementAndGet();
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            respond(ex, 302, new byte[0]);
        });
        Result r = reader().read(uri);
        assertThat(reason(r)).isEqualTo("redirect not followed (to http://127.0.0.1:1/elsewhere)");
        assertThat(hits).hasValue(1);
    }

    @Test
    void invalidUtf8IsReplacedNotThrown() throws IOException {
        byte[] body = {'a', ' ', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, ' ', '1', '\n'};
        URI uri = serve(ex -> respond(ex, 200, body));
        Result r = reader().read(uri);
        assertThat(r).isInstanceOf(Ok.class);
        assertThat(((Ok) r).body()).startsWith("a ").contains("\uFFFD").endsWith(" 1\n");
    }

    @Test
    void readAllWithSlowTargetsIsBounded() throws IOException {
        URI base = serve(ex -> {
            if (ex.getRequestURI().getPath().startsWith("/slow")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            respond(ex, 200, ("path " + ex.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
        });
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            uris.add(base.resolve((i % 4 == 0 ? "/slow" : "/fast") + "?i=" + i));
        }
        TargetReader reader = reader(1024 * 1024, 8);
        long t0 = System.nanoTime();
        Map<URI, Result> results = reader.readAll(uris);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(results).containsOnlyKeys(uris);
        assertThat(tookMs).isLessThan(CONNECT.toMillis() + READ.toMillis() + SLACK_MS);
        for (URI u : uris) {
            Result r = results.get(u);
            if (u.getPath().startsWith("/slow")) {
                assertThat(reason(r)).startsWith("timed out after");
            } else {
                assertThat(r).isInstanceOf(Ok.class);
                assertThat(((Ok) r).body()).contains("i=" + u.getQuery().substring(2));
            }
        }
    }

    @Test
    void concurrencyNeverExceedsMax() throws IOException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        URI base = serve(ex -> {
            int now = inFlight.incrementAndGet();
            maxSeen.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            respond(ex, 200, "ok 1\n".getBytes(StandardCharsets.UTF_8));
        });
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            uris.add(base.resolve("/metrics?i=" + i));
        }
        Map<URI, Result> results = reader(1024 * 1024, 3).readAll(uris);
        assertThat(results).hasSize(20);
        assertThat(results.values()).allMatch(r -> r instanceof Ok);
        assertThat(maxSeen.get()).isBetween(1, 3);
    }
}
