package io.gpuagent.pods;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gpuagent.problem.OneLine;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * One-line reasons for failed API calls. fabric8 wraps the JDK's exceptions a few levels deep and its
 * messages carry URLs and stack-like detail; operators need "connection refused" or "HTTP 403".
 */
public final class ApiProblems {

    private ApiProblems() {
    }

    public static String describe(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable root = failure;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String known = known(t);
            if (known != null) {
                return known;
            }
            root = t;
        }
        String message = root.getMessage();
        return OneLine.shortened(message == null || message.isBlank() ? root.getClass().getSimpleName() : message);
    }

    /** A 404 on the collection: the API server does not serve that API group/version at all. */
    public static boolean notServed(Throwable failure) {
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 404) {
                return true;
            }
        }
        return false;
    }

    private static String known(Throwable t) {
        return switch (t) {
            case ConnectException c -> "connection refused";
            case HttpConnectTimeoutException c -> "connect timed out";
            case HttpTimeoutException c -> "timed out";
            case SocketTimeoutException c -> "timed out";
            case UnknownHostException u -> "unknown host " + u.getMessage();
            case SSLException s -> OneLine.shortened("TLS: " + s.getMessage());
            case KubernetesClientException k when k.getCode() > 0 -> OneLine.shortened("HTTP " + k.getCode()
                    + (k.getStatus() != null && k.getStatus().getReason() != null ? " " + k.getStatus().getReason() : "")
                    + (k.getStatus() != null && k.getStatus().getMessage() != null ? ": " + k.getStatus().getMessage() : ""));
            default -> null;
        };
    }
}
