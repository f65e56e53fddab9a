package io.gpuagent.pods;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells who asks when the API client starts listing a collection: an interceptor on the client that
 * {@link KubernetesClients} builds. An informer lists at start and again only when its watch has expired
 * ({@code 410 Gone}: the resource version it watched from was compacted away) or after a failure; fabric8
 * reports the first kind to nobody, so the informer's health learns of it here.
 *
 * <p>A list is a GET of the collection that is neither a watch ({@code watch=true}), nor a further page
 * ({@code continue=}), nor a one-item probe ({@code limit=1}, as {@link PodIndex} asks why it is down).
 * Listeners run on the client's thread that sends the request: they must return quickly.
 */
public final class ListRequests implements Interceptor {

    private static final Logger LOG = System.getLogger("io.gpuagent.pods");

    private record Listener(String pathSuffix, Runnable action) {
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Calls {@code action} before each list of the collection whose path ends with {@code pathSuffix}
     * (e.g. {@code /api/v1/pods}; the API server's URL may have a path of its own in front).
     *
     * @return what stops these calls
     */
    public Runnable onList(String pathSuffix, Runnable action) {
        Listener l = new Listener(Objects.requireNonNull(pathSuffix), Objects.requireNonNull(action));
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (listeners.isEmpty() || !"GET".equals(request.method()) || !isList(request.uri().getRawQuery())) {
            return;
        }
        String path = request.uri().getRawPath();
        for (Listener l : listeners) {
            if (path != null && path.endsWith(l.pathSuffix())) {
                try {
                    l.action().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a list listener failed", e); // never fail the request for it
                }
            }
        }
    }

    /** Not a watch, a further page or a one-item probe. */
    static boolean isList(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return true;
        }
        for (String param : rawQuery.split("&")) {
            if (param.equals("watch=true") || param.equals("watch=1") || param.startsWith("continue=")
                    || param.equals("limit=1")) {
                return false;
            }
        }
        return true;
    }
}
