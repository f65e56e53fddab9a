package io.gpuagent.dra;

import io.gpuagent.pods.ApiStubs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSliceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for the API server's {@code resource.k8s.io/v1} ResourceSlices: list and HTTP-streamed
 * watch, honouring {@code spec.nodeName} as the real one does (fabric8's CRUD mock ignores field
 * selectors), and a switch to answer 404 as a cluster without the DRA API does.
 */
final class FakeSliceApi implements AutoCloseable {

    static final String PATH = "/apis/resource.k8s.io/v1/resourceslices";

    private final KubernetesSerialization json = new KubernetesSerialization();
    private final Object lock = new Object();
    private final Map<String, ResourceSlice> slices = new LinkedHashMap<>();
    private final List<Event> history = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private long resourceVersion = 100;
    private volatile boolean served = true;
    private volatile boolean up = true;
    private final HttpServer server;
    private final ExecutorService executor;

    private record Event(long resourceVersion, String node, String line) {
    }

    FakeSliceApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** HTTP watches because this stub speaks no WebSocket; quick retries so tests stay short. */
    KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort()).withOnlyHttpWatches(true)
                .withWatchReconnectInterval(50).withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    void served(boolean served) {
        this.served = served;
    }

    void put(ResourceSlice slice) {
        synchronized (lock) {
            String type = slices.containsKey(slice.getMetadata().getName()) ? "MODIFIED" : "ADDED";
            slice.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
            slices.put(slice.getMetadata().getName(), slice);
            record(type, slice);
        }
    }

    void delete(String name) {
        synchronized (lock) {
            ResourceSlice slice = slices.remove(name);
            if (slice != null) {
                slice.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
                record("DELETED", slice);
            }
        }
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    long lists() {
        return requests.stream().filter(r -> r.startsWith(PATH) && !r.contains("watch=true")).count();
    }

    @Override
    public void close() {
        up = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void record(String type, ResourceSlice slice) {
        String line = "{\"type\":\"" + type + "\",\"object\":" + json.asJson(slice) + "}\n";
        history.add(new Event(resourceVersion, slice.getSpec().getNodeName(), line));
        lock.notifyAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestURI().toString());
            if (!served || !exchange.getRequestURI().getPath().equals(PATH)) {
                ApiStubs.respond(exchange, 404, ApiStubs.status(404, "NotFound", "the server could not find the requested resource"));
                return;
            }
            Map<String, String> query = ApiStubs.query(exchange.getRequestURI().getRawQuery());
            String selector = query.get("fieldSelector");
            if (selector != null && !selector.startsWith("spec.nodeName=")) {
                ApiStubs.respond(exchange, 400, ApiStubs.status(400, "BadRequest", "unsupported field selector " + selector));
                return;
            }
            Optional<String> node = Optional.ofNullable(selector).map(s -> s.substring("spec.nodeName=".length()));
            if ("true".equals(query.get("watch"))) {
                watch(exchange, node, Long.parseLong(query.getOrDefault("resourceVersion", "0")));
            } else {
                ResourceSliceList list = new ResourceSliceList();
                synchronized (lock) {
                    list.setMetadata(new ListMetaBuilder().withResourceVersion(Long.toString(resourceVersion)).build());
                    list.setItems(slices.values().stream().filter(s -> ApiStubs.onNode(node, s.getSpec().getNodeName())).toList());
                }
                ApiStubs.respond(exchange, 200, json.asJson(list));
            }
        }
    }

    /** Streams events after {@code from} until the stub closes. */
    private void watch(HttpExchange exchange, Optional<String> node, long from) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int cursor = 0;
        synchronized (lock) {
            while (cursor < history.size() && history.get(cursor).resourceVersion() <= from) {
                cursor++;
            }
        }
        // fabric8 counts an HTTP watch as open only once bytes arrive: send a bookmark straight away.
        ApiStubs.writeLine(out, "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"ResourceSlice\",\"apiVersion\":\"resource.k8s.io/v1\","
                + "\"metadata\":{\"resourceVersion\":\"" + from + "\"}}}\n");
        while (up && served) {
            List<String> lines = new ArrayList<>();
            synchronized (lock) {
                if (cursor == history.size()) {
                    try {
                        lock.wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                for (; cursor < history.size(); cursor++) {
                    if (ApiStubs.onNode(node, history.get(cursor).node())) {
                        lines.add(history.get(cursor).line());
                    }
                }
            }
            for (String line : lines) {
                ApiStubs.writeLine(out, line);
            }
        }
    }
}
