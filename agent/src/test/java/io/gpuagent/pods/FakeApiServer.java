package io.gpuagent.pods;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny stand-in for the API server on loopback: pods (list and HTTP-streamed watch, honouring the
 * {@code spec.nodeName} field selector the way the real one does), plain GETs of other objects, watch
 * expiry ({@code 410 Gone} with a compacted history) and going down and coming back on the same port.
 * fabric8's CRUD mock cannot filter by {@code spec.nodeName}, which is the point of the index.
 */
final class FakeApiServer implements AutoCloseable {

    private final KubernetesSerialization json = new KubernetesSerialization();
    private final Object lock = new Object();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Map<String, String> objects = new ConcurrentHashMap<>();
    private final List<Event> history = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private long resourceVersion = 100;
    private long oldestWatchable = 0;
    private int generation;
    private volatile boolean up;
    private HttpServer server;
    private ExecutorService executor;
    private int port;

    private record Event(long resourceVersion, String node, String line) {
    }

    static FakeApiServer start() throws IOException {
        FakeApiServer api = new FakeApiServer();
        api.listen(0);
        return api;
    }

    /** A client as the product builds it, pointed here; HTTP watches because this stub speaks no WebSocket. */
    KubernetesClient client() {
        return client(new ListRequests());
    }

    /** As {@link #client()}, telling {@code lists} of its list requests. */
    KubernetesClient client(ListRequests lists) {
        Config config = new ConfigBuilder(KubernetesClients.settings(Config.empty()))
                .withMasterUrl("http://127.0.0.1:" + port).withOnlyHttpWatches(true)
                .withWatchReconnectInterval(50).withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("lists", lists)).build();
    }

    void putPod(Pod pod) {
        synchronized (lock) {
            String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            String type = pods.containsKey(key) ? "MODIFIED" : "ADDED";
            pod.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
            pods.put(key, pod);
            record(type, pod);
        }
    }

    void deletePod(String namespace, String name) {
        synchronized (lock) {
            Pod pod = pods.remove(namespace + "/" + name);
            if (pod != null) {
                pod.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
                record("DELETED", pod);
            }
        }
    }

    /** Serves {@code object} at its API path (ReplicaSets and Jobs, for owner lookups). */
    void putObject(HasMetadata object) {
        String path = switch (object.getKind()) {
            case "ReplicaSet" -> "/apis/apps/v1/namespaces/%s/replicasets/%s";
            case "Job" -> "/apis/batch/v1/namespaces/%s/jobs/%s";
            default -> throw new IllegalArgumentException(object.getKind());
        };
        objects.put(path.formatted(object.getMetadata().getNamespace(), object.getMetadata().getName()),
                json.asJson(object));
    }

    /**
     * Ends every watch with {@code 410 Gone} and forgets the event history, adding {@code added} on the
     * way: only a fresh list can find those pods, as after an etcd compaction.
     */
    void expireWatches(Pod... added) {
        synchronized (lock) {
            for (Pod pod : added) {
                pod.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
                pods.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), pod);
            }
            history.clear();
            oldestWatchable = resourceVersion;
            generation++;
            lock.notifyAll();
        }
    }

    /** Closes the port (clients get "connection refused") and every open watch. */
    void stop() {
        up = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    /** Listens again on the same port, with the same objects. */
    void restart() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                listen(port);
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    long podLists() {
        return requests.stream().filter(r -> r.startsWith("/api/v1/pods") && !r.contains("watch=true")).count();
    }

    @Override
    public void close() {
        if (up) {
            stop();
        }
    }

    private void listen(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        executor = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        up = true;
    }

    private void record(String type, Pod pod) {
        String line = "{\"type\":\"" + type + "\",\"object\":" + json.asJson(pod) + "}\n";
        history.add(new Event(resourceVersion, pod.getSpec() == null ? null : pod.getSpec().getNodeName(), line));
        lock.notifyAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestURI().toString());
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = ApiStubs.query(exchange.getRequestURI().getRawQuery());
            if (!path.equals("/api/v1/pods")) {
                String body = objects.get(path);
                ApiStubs.respond(exchange, body == null ? 404 : 200, body == null ? ApiStubs.status(404, "NotFound", path) : body);
                return;
            }
            String selector = query.get("fieldSelector");
            if (selector != null && !selector.startsWith("spec.nodeName=")) {
                ApiStubs.respond(exchange, 400, ApiStubs.status(400, "BadRequest", "unsupported field selector " + selector));
                return;
            }
            Optional<String> node = Optional.ofNullable(selector).map(s -> s.substring("spec.nodeName=".length()));
            if ("true".equals(query.get("watch"))) {
                watch(exchange, node, Long.parseLong(query.getOrDefault("resourceVersion", "0")));
            } else {
                list(exchange, node);
            }
        }
    }

    private void list(HttpExchange exchange, Optional<String> node) throws IOException {
        PodList list = new PodList();
        synchronized (lock) {
            list.setMetadata(new ListMetaBuilder().withResourceVersion(Long.toString(resourceVersion)).build());
            list.setItems(pods.values().stream().filter(p -> ApiStubs.onNode(node, p.getSpec().getNodeName())).toList());
        }
        ApiStubs.respond(exchange, 200, json.asJson(list));
    }

    /** Streams events after {@code from} until the watch expires or the server stops. */
    private void watch(HttpExchange exchange, Optional<String> node, long from) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int myGeneration;
        int cursor = 0;
        synchronized (lock) {
            myGeneration = generation;
            if (from < oldestWatchable) {
                ApiStubs.writeLine(out, gone());
                return;
            }
            while (cursor < history.size() && history.get(cursor).resourceVersion() <= from) {
                cursor++;
            }
        }
        // fabric8 counts an HTTP watch as open only once bytes arrive (a WebSocket one on open), and the real
        // API server may send a bookmark at any time: send one now rather than wait for the first event.
        ApiStubs.writeLine(out, "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                + "\"metadata\":{\"resourceVersion\":\"" + from + "\"}}}\n");
        while (up) {
            List<String> lines = new ArrayList<>();
            boolean expired;
            synchronized (lock) {
                if (cursor == history.size() && generation == myGeneration && up) {
                    try {
                        lock.wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                expired = generation != myGeneration;
                for (; !expired && cursor < history.size(); cursor++) {
                    Event e = history.get(cursor);
                    if (ApiStubs.onNode(node, e.node())) {
                        lines.add(e.line());
                    }
                }
            }
            for (String line : lines) {
                ApiStubs.writeLine(out, line);
            }
            if (expired) {
                ApiStubs.writeLine(out, gone());
                return;
            }
        }
    }

    private static String gone() {
        return "{\"type\":\"ERROR\",\"object\":" + ApiStubs.status(410, "Expired", "too old resource version") + "}\n";
    }
}
