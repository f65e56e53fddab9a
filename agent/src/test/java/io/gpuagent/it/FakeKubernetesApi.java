package io.gpuagent.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A Kubernetes API server on loopback for whole-process tests: fabric8's mock server in CRUD mode
 * (lists, gets and WebSocket watches, as the agent's fabric8 client uses them), with a kubeconfig file
 * that points the agent process at it through {@code KUBECONFIG}.
 *
 * <p>The CRUD store matches field selectors only against names and namespaces, so the agent's
 * {@code spec.nodeName} selector would match nothing. This server drops field selectors instead: a
 * test puts only its node's pods in it. Node scoping itself is tested against the pods package's
 * own API stub.
 */
final class FakeKubernetesApi implements AutoCloseable {

    /** Held so the level sticks: the mock server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private static final Pattern FIELD_SELECTOR = Pattern.compile("(?<=[?&])fieldSelector=[^&]*(&|$)");

    private final KubernetesMockServer server;
    private final FieldSelectorBlindCrud crud;
    private final KubernetesClient client;

    private FakeKubernetesApi(KubernetesMockServer server, FieldSelectorBlindCrud crud) {
        this.server = server;
        this.crud = crud;
        this.client = server.createClient();
    }

    static FakeKubernetesApi start() {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        FieldSelectorBlindCrud crud = new FieldSelectorBlindCrud();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                crud, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new FakeKubernetesApi(server, crud);
    }

    int port() {
        return server.getPort();
    }

    /**
     * Answers every pod watch from now on with an {@code ERROR} event carrying {@code 410 Gone} ("too old
     * resource version", as after an etcd compaction), until a client lists pods again: only a relist gets
     * a client watching again. Open watches are not touched (cut them with a {@link LoopbackProxy}).
     */
    void expirePodWatches() {
        crud.expirePodWatches = true;
    }

    /** Pod list requests served (an informer's lists; a {@code limit}ed probe is not counted). */
    int podLists() {
        return crud.podLists.get();
    }

    /** Pod watch requests answered with 410 Gone. */
    int expiredPodWatches() {
        return crud.expiredPodWatches.get();
    }

    /** A client to create and change objects with, as a controller would. */
    KubernetesClient client() {
        return client;
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Writes a kubeconfig for this server into {@code dir}; its path goes into the agent's {@code KUBECONFIG}. */
    Path kubeconfig(Path dir) throws IOException {
        return kubeconfig(dir, url());
    }

    /** As {@link #kubeconfig(Path)}, pointing at {@code serverUrl} (e.g. a {@link LoopbackProxy} in front of this). */
    Path kubeconfig(Path dir, String serverUrl) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fake
                  cluster:
                    server: %s
                users:
                - name: agent
                  user:
                    token: not-a-secret
                contexts:
                - name: fake
                  context:
                    cluster: fake
                    user: agent
                    namespace: gpu-agent
                current-context: fake
                """.formatted(serverUrl));
        return file;
    }

    /** The environment that makes the agent use this server. */
    Map<String, String> env(Path dir) throws IOException {
        return Map.of("KUBECONFIG", kubeconfig(dir).toString());
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /**
     * CRUD dispatch that ignores field selectors on reads and watches (see the class comment), and can
     * expire pod watches ({@link #expirePodWatches()}).
     */
    private static final class FieldSelectorBlindCrud extends KubernetesCrudDispatcher {

        private static final String GONE = """
                {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
                "message":"too old resource version: 1 (1000)","reason":"Expired","code":410}}""";

        volatile boolean expirePodWatches;
        final AtomicInteger podLists = new AtomicInteger();
        final AtomicInteger expiredPodWatches = new AtomicInteger();

        @Override
        public MockResponse handleGet(String path) {
            MockResponse r = super.handleGet(withoutFieldSelector(path));
            // (the CRUD dispatcher's GET also serves watches, through handleWatch)
            if (isPods(path) && !path.contains("watch=true") && !path.contains("limit=")) {
                podLists.incrementAndGet();
                expirePodWatches = false; // listed: the next watch starts from a current resource version
            }
            return r;
        }

        @Override
        public MockResponse handleWatch(String path) {
            if (expirePodWatches && isPods(path)) {
                expiredPodWatches.incrementAndGet();
                // as the API server does: the watch is accepted, then ends with a 410 ERROR event
                return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        webSocket.send(GONE);
                        webSocket.close(1000, "");
                    }
                });
            }
            return super.handleWatch(withoutFieldSelector(path));
        }

        private static boolean isPods(String path) {
            return path.startsWith("/api/v1/pods") || path.matches("/api/v1/namespaces/[^/]+/pods([?].*)?");
        }

        static String withoutFieldSelector(String path) {
            String out = FIELD_SELECTOR.matcher(path).replaceAll("");
            return out.endsWith("&") || out.endsWith("?") ? out.substring(0, out.length() - 1) : out;
        }
    }
}
