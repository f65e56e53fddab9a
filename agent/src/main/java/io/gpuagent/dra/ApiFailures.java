package io.gpuagent.dra;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.HashSet;
import java.util.Set;

/**
 * One-line reasons for failed ResourceSlice calls. fabric8 wraps the JDK's exceptions (and wraps them again
 * in CompletionExceptions on the informer's path), so the cause chain is searched.
 */
final class ApiFailures {

    private static final int MAX_LENGTH = 200;

    private ApiFailures() {
    }

    /** A 404 on the collection: this API server does not serve resource.k8s.io/v1 at all. */
    static boolean notServed(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 404) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable root = failure;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            switch (t) {
                case ConnectException c -> {
                    return "connection refused";
                }
                case HttpTimeoutException h -> {
                    return "timed out";
                }
                case KubernetesClientException k when k.getCode() > 0 -> {
                    String reason = k.getStatus() == null ? null : k.getStatus().getReason();
                    return shorten("HTTP " + k.getCode() + (reason == null ? "" : " " + reason));
                }
                default -> root = t;
            }
        }
        String message = root.getMessage();
        return shorten(message == null || message.isBlank() ? root.getClass().getSimpleName() : message);
    }

    private static String shorten(String s) {
        String line = s.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }
}
