package io.gpuagent.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An inference server's metrics endpoint on a loopback address, serving whatever page the test sets:
 * the agent reads it as it would a pod's {@code http://<pod IP>:<port>/metrics}.
 */
final class FakeInferenceServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Supplier<String> page = () -> "";

    private FakeInferenceServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code address} (any 127.0.0.0/8 address stands for a pod IP) on an ephemeral port. */
    static FakeInferenceServer start(String address) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 16);
        FakeInferenceServer fake = new FakeInferenceServer(http);
        http.createContext("/metrics", exchange -> {
            fake.reads.incrementAndGet();
            byte[] body = fake.page.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.setExecutor(Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory()));
        http.start();
        return fake;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String address() {
        return server.getAddress().getAddress().getHostAddress();
    }

    void setPage(String text) {
        page = () -> text;
    }

    void setPage(Supplier<String> text) {
        page = text;
    }

    int reads() {
        return reads.get();
    }

    /** A vLLM (V1 engine) page for one model: the gauges and the queue-time histogram's sum and count. */
    static String vllm(String model, int waiting, int running, double kvCache, double queueSecondsSum, long finished) {
        String l = "engine=\"0\",model_name=\"" + model + "\"";
        return """
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{%1$s} %3$d
                # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{%1$s} %2$d
                # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
                # TYPE vllm:kv_cache_usage_perc gauge
                vllm:kv_cache_usage_perc{%1$s} %4$s
                # HELP vllm:request_queue_time_seconds Histogram of time spent in WAITING phase for request.
                # TYPE vllm:request_queue_time_seconds histogram
                vllm:request_queue_time_seconds_bucket{%1$s,le="+Inf"} %6$d
                vllm:request_queue_time_seconds_sum{%1$s} %5$s
                vllm:request_queue_time_seconds_count{%1$s} %6$d
                # HELP process_resident_memory_bytes Resident memory size in bytes.
                # TYPE process_resident_memory_bytes gauge
                process_resident_memory_bytes 4.2e+09
                """.formatted(l, waiting, running, Double.toString(kvCache), Double.toString(queueSecondsSum), finished);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
