package io.gpuagent.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
    private final KubernetesClient client;

    private FakeKubernetesApi(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    static FakeKubernetesApi start() {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new FieldSelectorBlindCrud(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new FakeKubernetesApi(server);
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
                """.formatted(url()));
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

    /** CRUD dispatch that ignores field selectors on reads and watches (see the class comment). */
    private static final class FieldSelectorBlindCrud extends KubernetesCrudDispatcher {
        @Override
        public MockResponse handleGet(String path) {
            return super.handleGet(withoutFieldSelector(path));
        }

        @Override
        public MockResponse handleWatch(String path) {
            return super.handleWatch(withoutFieldSelector(path));
        }

        static String withoutFieldSelector(String path) {
            String out = FIELD_SELECTOR.matcher(path).replaceAll("");
            return out.endsWith("&") || out.endsWith("?") ? out.substring(0, out.length() - 1) : out;
        }
    }
}
