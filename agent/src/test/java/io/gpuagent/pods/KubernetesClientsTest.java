package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.gpuagent.config.KubernetesMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientsTest {

    @TempDir
    Path dir;

    @Test
    void autoMeansInClusterOrKubeconfig() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "t");
        Path noToken = dir.resolve("missing");
        Map<String, String> inCluster = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1");

        assertThat(KubernetesClients.enabled(KubernetesMode.AUTO, inCluster, token)).isTrue();
        assertThat(KubernetesClients.enabled(KubernetesMode.AUTO, inCluster, noToken)).isFalse();
        assertThat(KubernetesClients.enabled(KubernetesMode.AUTO, Map.of(), token)).isFalse();
        assertThat(KubernetesClients.enabled(KubernetesMode.AUTO, Map.of("KUBECONFIG", "/k"), noToken)).isTrue();
        assertThat(KubernetesClients.enabled(KubernetesMode.AUTO, Map.of("KUBECONFIG", " "), noToken)).isFalse();
    }

    @Test
    void onAndOffAreAsSaid() {
        assertThat(KubernetesClients.enabled(KubernetesMode.ON, Map.of(), dir.resolve("none"))).isTrue();
        assertThat(KubernetesClients.enabled(KubernetesMode.OFF, Map.of("KUBECONFIG", "/k"), dir)).isFalse();
        assertThat(KubernetesClients.create(KubernetesMode.OFF, Map.of("KUBECONFIG", "/k"), new ListRequests())).isEmpty();
    }

    @Test
    void noCallCanHangForMinutes() {
        Config config = KubernetesClients.settings(Config.empty());
        assertThat(config.getConnectionTimeout()).isEqualTo(5_000);
        assertThat(config.getRequestTimeout()).isEqualTo(10_000);
        assertThat(config.getRequestRetryBackoffLimit()).isLessThanOrEqualTo(1);
        assertThat(config.getWatchReconnectLimit()).isEqualTo(-1);
    }

    @Test
    void settingsKeepWhatTheKubeconfigSays() {
        Config base = Config.fromKubeconfig("""
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://10.1.2.3:6443"}
                users:
                - name: u
                  user: {token: secret-token}
                contexts:
                - name: x
                  context: {cluster: c, user: u, namespace: ml}
                current-context: x
                """);
        Config config = KubernetesClients.settings(base);
        assertThat(config.getMasterUrl()).isEqualTo("https://10.1.2.3:6443/");
        assertThat(config.getAutoOAuthToken()).isEqualTo("secret-token");
        assertThat(config.getNamespace()).isEqualTo("ml");
        assertThat(config.getConnectionTimeout()).isEqualTo(5_000);
    }
}
