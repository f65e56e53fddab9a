package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ApiProblemsTest {

    @Test
    void namesTheNetworkFailureUnderFabric8sWrapping() {
        assertThat(ApiProblems.describe(new KubernetesClientException("Operation: [list] for kind: [Pod] failed",
                new CompletionException(new ConnectException())))).isEqualTo("connection refused");
        assertThat(ApiProblems.describe(new KubernetesClientException("x",
                new HttpConnectTimeoutException("HTTP connect timed out")))).isEqualTo("connect timed out");
        assertThat(ApiProblems.describe(new RuntimeException(new UnknownHostException("kubernetes.default.svc"))))
                .isEqualTo("unknown host kubernetes.default.svc");
    }

    @Test
    void namesTheHttpStatusAndTheApiServersReason() {
        KubernetesClientException forbidden = new KubernetesClientException(new StatusBuilder().withCode(403)
                .withReason("Forbidden").withMessage("pods is forbidden: User \"x\" cannot list resource \"pods\"")
                .build());
        assertThat(ApiProblems.describe(forbidden))
                .isEqualTo("HTTP 403 Forbidden: pods is forbidden: User \"x\" cannot list resource \"pods\"");
    }

    @Test
    void fallsBackToTheInnermostMessageOnOneShortLine() {
        assertThat(ApiProblems.describe(new IllegalStateException("outer", new IllegalArgumentException("bad\n  thing"))))
                .isEqualTo("bad thing");
        assertThat(ApiProblems.describe(new IllegalStateException("x".repeat(500)))).hasSize(200);
        assertThat(ApiProblems.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
