package io.gpuagent.serving;

import io.gpuagent.problem.OneLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * Reads inference servers' Prometheus {@code /metrics} endpoints.
 *
 * <p>The endpoints run in pods we do not control, so every read is bounded: the connect timeout
 * bounds the TCP connect, the read timeout bounds the whole exchange (headers and body, so a server
 * trickling bytes cannot hold a read open), and {@code maxBytes} bounds the body both as received
 * and after gzip decompression. Redirects are never followed. Nothing here throws: every outcome
 * is a {@link Result}.
 */
public final class TargetReader implements ServingSource.Fetcher, AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT = 8;

    static final String ACCEPT =
            "text/plain;version=0.0.4;q=0.9, application/openmetrics-text;version=1.0.0;q=0.5";

    /** Outcome of reading one target. */
    public sealed interface Result permits Ok, Failed {
        Duration took();
    }

    public record Ok(String body, Duration took) implements Result {}

    public record Failed(String reason, Duration took) implements Result {}

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxBytes;
    private final Semaphore permits;
    private final ExecutorService clientExecutor;
    private final ExecutorService readers;
    private final HttpClient client;

    public TargetReader() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_BYTES, DEFAULT_MAX_CONCURRENT);
    }

    public TargetReader(Duration connectTimeout, Duration readTimeout, long maxBytes, int maxConcurrent) {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive");
        }
        if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        if (maxConcurrent <= 0) {
            throw new IllegalArgumentException("maxConcurrent must be positive");
        }
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
        this.permits = new Semaphore(maxConcurrent, true);
        this.clientExecutor = Executors.newVirtualThreadPerTaskExecutor();
        this.readers = Executors.newVirtualThreadPerTaskExecutor();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(clientExecutor)
                .build();
    }

    /** Reads one target, blocking for at most about the read timeout. Never throws. */
    public Result read(URI uri) {
        long start = System.nanoTime();
        return read(uri, start, start + readTimeout.toNanos());
    }

    /**
     * Reads all targets in parallel, at most {@code maxConcurrent} in flight. The whole call is
     * bounded by connect timeout + read timeout (plus scheduling slack); a target that could not be
     * read within that fails. The map has one entry per distinct URI, in iteration order.
     */
    @Override
    public Map<URI, Result> readAll(Collection<URI> uris) {
        long start = System.nanoTime();
        long overall = start + connectTimeout.toNanos() + readTimeout.toNanos();
        List<URI> distinct = new ArrayList<>(new LinkedHashSet<>(uris));
        Map<URI, Future<Result>> futures = new LinkedHashMap<>();
        for (URI uri : distinct) {
            try {
                futures.put(uri, readers.submit(() -> read(uri, start, overall)));
            } catch (RuntimeException e) { // rejected: reader closed
                futures.put(uri, CompletableFuture.completedFuture(
                        new Failed("reader closed", Duration.ofNanos(System.nanoTime() - start))));
            }
        }
        Map<URI, Result> results = new LinkedHashMap<>();
        for (Map.Entry<URI, Future<Result>> e : futures.entrySet()) {
            Result r;
            try {
                // Each task bounds itself; the extra second only guards against a stuck task.
                long wait = Math.max(0, overall - System.nanoTime()) + TimeUnit.SECONDS.toNanos(1);
                r = e.getValue().get(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                e.getValue().cancel(true);
                r = new Failed("interrupted", Duration.ofNanos(System.nanoTime() - start));
            } catch (TimeoutException te) {
                e.getValue().cancel(true);
                r = new Failed("timed out after " + fmt(readTimeout),
                        Duration.ofNanos(System.nanoTime() - start));
            } catch (ExecutionException ee) {
                r = new Failed(OneLine.shortened("internal error: " + ee.getCause()),
                        Duration.ofNanos(System.nanoTime() - start));
            }
            results.put(e.getKey(), r);
        }
        return results;
    }

    private Result read(URI uri, long queuedAt, long overallDeadline) {
        boolean acquired = false;
        try {
            long wait = overallDeadline - System.nanoTime();
            acquired = wait > 0 && permits.tryAcquire(wait, TimeUnit.NANOSECONDS);
            if (!acquired) {
                return new Failed("not started: overall deadline passed",
                        Duration.ofNanos(System.nanoTime() - queuedAt));
            }
            long start = System.nanoTime();
            long deadline = Math.min(start + readTimeout.toNanos(), overallDeadline);
            return readNow(uri, start, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted", Duration.ofNanos(System.nanoTime() - queuedAt));
        } catch (RuntimeException e) {
            return new Failed(OneLine.shortened("internal error: " + e), Duration.ofNanos(System.nanoTime() - queuedAt));
        } finally {
            if (acquired) {
                permits.release();
            }
        }
    }

    private Result readNow(URI uri, long start, long deadline) {
        HttpRequest request;
        try {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return new Failed(OneLine.shortened("invalid URI: unsupported scheme in " + uri), took(start));
            }
            request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(readTimeout)
                    .header("Accept", ACCEPT)
                    .header("Accept-Encoding", "gzip")
                    .build();
        } catch (RuntimeException e) {
            return new Failed(OneLine.shortened("invalid URI: " + e.getMessage()), took(start));
        }

        AtomicReference<CappedSubscriber> subscriber = new AtomicReference<>();
        CompletableFuture<HttpResponse<Body>> future;
        try {
            future = client.sendAsync(request, info -> {
                CappedSubscriber s = new CappedSubscriber(info.statusCode() / 100 == 2 ? maxBytes : -1);
                subscriber.set(s);
                return s;
            });
        } catch (RuntimeException e) {
            return new Failed(OneLine.shortened("request failed: " + e.getMessage()), took(start));
        }

        HttpResponse<Body> response;
        try {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new TimeoutException();
            }
            response = future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(future, subscriber);
            return new Failed("timed out after " + fmt(readTimeout), took(start));
        } catch (InterruptedException e) {
            abort(future, subscriber);
            Thread.currentThread().interrupt();
            return new Failed("interrupted", took(start));
        } catch (ExecutionException e) {
            abort(future, subscriber);
            return new Failed(describe(e.getCause()), took(start));
        } catch (RuntimeException e) { // CancellationException
            abort(future, subscriber);
            return new Failed(OneLine.shortened("request failed: " + e), took(start));
        }

        int status = response.statusCode();
        if (status / 100 == 3) {
            String location = response.headers().firstValue("Location").orElse(null);
            return new Failed(OneLine.shortened(location == null
                    ? "redirect not followed (HTTP " + status + ", no Location)"
                    : "redirect not followed (to " + location + ")"), took(start));
        }
        if (status / 100 != 2) {
            return new Failed("HTTP " + status, took(start));
        }
        Body body = response.body();
        if (body.overCap()) {
            return new Failed("body over " + maxBytes + " bytes", took(start));
        }
        byte[] bytes = body.bytes();
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity")
                .trim().toLowerCase(Locale.ROOT);
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            try {
                bytes = gunzip(bytes, maxBytes, deadline);
            } catch (OverCapException e) {
                return new Failed("body over " + maxBytes + " bytes", took(start));
            } catch (TimeoutException e) {
                return new Failed("timed out after " + fmt(readTimeout), took(start));
            } catch (IOException e) {
                return new Failed(OneLine.shortened("bad gzip body: " + e.getMessage()), took(start));
            }
        } else if (!encoding.isEmpty() && !encoding.equals("identity")) {
            return new Failed(OneLine.shortened("unsupported Content-Encoding: " + encoding), took(start));
        }
        // new String(..., UTF_8) replaces malformed input with U+FFFD; it never throws.
        return new Ok(new String(bytes, StandardCharsets.UTF_8), took(start));
    }

    private static void abort(CompletableFuture<?> future, AtomicReference<CappedSubscriber> subscriber) {
        CappedSubscriber s = subscriber.get();
        if (s != null) {
            s.cancel();
        }
        future.cancel(true);
    }

    private String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "connect timed out after " + fmt(connectTimeout);
            }
            if (c instanceof HttpTimeoutException) {
                return "timed out after " + fmt(readTimeout);
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (c.getCause() == c) {
                break;
            }
        }
        String msg = t == null ? null : t.getMessage();
        String kind = t == null ? "error" : t.getClass().getSimpleName();
        return OneLine.shortened(msg == null || msg.isBlank() ? kind : kind + ": " + msg);
    }

    static byte[] gunzip(byte[] compressed, long cap, long deadline)
            throws IOException, OverCapException, TimeoutException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, compressed.length * 4L + 64));
        byte[] buf = new byte[16 * 1024];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), buf.length)) {
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > cap) {
                    throw new OverCapException();
                }
                out.write(buf, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException();
                }
            }
        }
        return out.toByteArray();
    }

    static final class OverCapException extends Exception {
        OverCapException() {
            super(null, null, false, false);
        }
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String fmt(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }

    /** The raw (possibly compressed) body, or the fact that it went over the cap. */
    record Body(byte[] bytes, boolean overCap) {}

    /**
     * Collects the body up to a cap, one buffer list at a time; past the cap it cancels the
     * subscription (closing the connection) instead of reading on. A negative cap discards the
     * body at once (non-2xx responses: only the status matters).
     */
    static final class CappedSubscriber implements HttpResponse.BodySubscriber<Body> {
        private final long cap;
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private long size;

        CappedSubscriber(long cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cap < 0) {
                result.complete(new Body(new byte[0], false));
                s.cancel();
                return;
            }
            if (result.isDone()) {
                s.cancel();
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer bb : items) {
                int n = bb.remaining();
                if (size + n > cap) {
                    result.complete(new Body(new byte[0], true));
                    cancel();
                    return;
                }
                size += n;
                if (bb.hasArray()) {
                    out.write(bb.array(), bb.arrayOffset() + bb.position(), n);
                    bb.position(bb.limit());
                } else {
                    byte[] chunk = new byte[n];
                    bb.get(chunk);
                    out.write(chunk, 0, n);
                }
            }
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(out.toByteArray(), false));
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (!result.isDone()) {
                result.completeExceptionally(new IOException("cancelled"));
            }
            if (s != null) {
                s.cancel();
            }
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
        client.shutdownNow();
        try {
            client.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientExecutor.shutdownNow();
    }
}
