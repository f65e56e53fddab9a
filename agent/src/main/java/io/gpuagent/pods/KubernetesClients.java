package io.gpuagent.pods;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.gpuagent.config.KubernetesMode;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the API client for {@code --kubernetes}: fabric8 over the JDK's HTTP client, configured the
 * way kubectl would be (kubeconfig, else the pod's service account), with short timeouts so that no
 * call the agent makes can hang it for minutes.
 */
public final class KubernetesClients {

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");
    private static final Logger LOG = System.getLogger("io.gpuagent.pods");

    private KubernetesClients() {
    }

    /**
     * A client when the mode asks for one: {@code on}, or {@code auto} with a service account or
     * {@code KUBECONFIG}. Connecting happens later; this only reads configuration.
     *
     * @param lists told of the client's list requests (how {@link PodIndex} sees its informer relist after an
     *     expired watch)
     * @throws IllegalArgumentException in mode {@code on}, when the kubeconfig cannot be read
     */
    public static Optional<KubernetesClient> create(KubernetesMode mode, Map<String, String> env, ListRequests lists) {
        if (!enabled(mode, env, SERVICE_ACCOUNT_TOKEN)) {
            LOG.log(Level.INFO, "Kubernetes API not used (--kubernetes=" + mode.text()
                    + "): pods are known from the kubelet only, without labels or workloads");
            return Optional.empty();
        }
        Config config;
        try {
            config = settings(Config.autoConfigure(null));
        } catch (RuntimeException e) {
            String why = "Kubernetes client configuration: " + ApiProblems.describe(e);
            if (mode == KubernetesMode.ON) {
                throw new IllegalArgumentException(why, e);
            }
            LOG.log(Level.WARNING, why + "; continuing without the Kubernetes API");
            return Optional.empty();
        }
        LOG.log(Level.INFO, "Kubernetes API at " + config.getMasterUrl());
        return Optional.of(new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(ListRequests.class.getName(), lists))
                .build());
    }

    /** {@code auto}: in a pod with a service-account token, or wherever {@code KUBECONFIG} points somewhere. */
    static boolean enabled(KubernetesMode mode, Map<String, String> env, Path serviceAccountToken) {
        return switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> (present(env.get("KUBERNETES_SERVICE_HOST")) && Files.isReadable(serviceAccountToken))
                    || present(env.get("KUBECONFIG"));
        };
    }

    /**
     * Timeouts and retries: connect 5 s, request 10 s, one quick retry (fabric8's default of ten with
     * exponential backoff could hold a caller for most of a minute), and watch reconnects that back off
     * from 0.5 s to at most 16 s so a returning API server is noticed soon.
     */
    static Config settings(Config base) {
        return new ConfigBuilder(base)
                .withConnectionTimeout(5_000)
                .withRequestTimeout(10_000)
                .withRequestRetryBackoffLimit(1)
                .withRequestRetryBackoffInterval(500)
                .withWatchReconnectInterval(500)
                .withWatchReconnectLimit(-1)
                .build();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
