package io.gpuagent.kubelet;

/** The pod-resources API could not be read; {@link #kind()} says whether to expect it back soon. */
public final class PodResourcesException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the kubelet did not answer. */
    public enum Kind {
        /** no socket at the path: attribution is off until it appears */
        SOCKET_MISSING,
        /** UNAVAILABLE (kubelet restarting, connection refused): transient */
        UNAVAILABLE,
        /** RESOURCE_EXHAUSTED: the kubelet's rate limit on pod-resources calls; transient */
        RATE_LIMITED,
        /** the call did not answer within its deadline: transient */
        TIMEOUT,
        /** anything else (UNIMPLEMENTED, a malformed answer, ...) */
        OTHER
    }

    private final Kind kind;

    public PodResourcesException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.UNAVAILABLE || kind == Kind.RATE_LIMITED || kind == Kind.TIMEOUT;
    }
}
