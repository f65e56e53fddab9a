package io.gpuagent.pods;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds a pod's workload from its owner references. Deployments and CronJobs sit two levels up, so the
 * ReplicaSet or Job in between is read from the API server once and cached per name: lookups start on
 * informer events ({@link #prefetch}) on a thread of their own, so readers normally find the answer
 * ready; a reader that arrives while a lookup is in flight waits at most {@code lookupTimeout} and then
 * gets the ReplicaSet/Job itself. Expired answers are served while they are refreshed.
 */
final class OwnerResolver implements AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent.pods");
    /** Pods of a LeaderWorkerSet are owned by StatefulSets (or by the leader pod); this label names the set. */
    static final String LWS_NAME_LABEL = "leaderworkerset.sigs.k8s.io/name";

    private final ParentLookup lookup;
    private final Duration lookupTimeout;
    private final long ttlNanos;
    private final long retryNanos;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("pods-owner-lookup").daemon().factory());
    private final Map<Key, Entry> cache = new ConcurrentHashMap<>();
    private volatile boolean failing;

    private record Key(String kind, String namespace, String name) {
    }

    /** One cached lookup: its answer (once done), and the previous answer to serve while it runs. */
    private static final class Entry {
        final CompletableFuture<Workload> answer = new CompletableFuture<>();
        final Workload previous;
        volatile long expiresAt;
        volatile long lastUsed;

        Entry(Workload previous) {
            this.previous = previous;
        }

        boolean fresh(long now) {
            return !answer.isDone() || now - expiresAt < 0;
        }
    }

    /**
     * @param ttl how long an answer is trusted (a ReplicaSet's owner practically never changes)
     * @param retryAfter how long a failed lookup's fallback is kept before asking again
     */
    OwnerResolver(ParentLookup lookup, Duration lookupTimeout, Duration ttl, Duration retryAfter) {
        this.lookup = lookup;
        this.lookupTimeout = lookupTimeout;
        this.ttlNanos = ttl.toNanos();
        this.retryNanos = retryAfter.toNanos();
    }

    /** The pod's workload; may wait up to the lookup timeout when its ReplicaSet/Job is being read. */
    Workload workloadOf(Pod pod) {
        return workloadOf(pod, deadline());
    }

    /**
     * The pod's workload, waiting for an in-flight read no later than {@code deadline} ({@link System#nanoTime}
     * based), so one reader going through many pods waits one timeout, not one per pod.
     */
    Workload workloadOf(Pod pod, long deadline) {
        return resolve(pod, deadline);
    }

    /** The deadline a reader starting now waits until. */
    long deadline() {
        return System.nanoTime() + lookupTimeout.toNanos();
    }

    /** Starts any lookup the pod will need, without waiting. */
    void prefetch(Pod pod) {
        resolve(pod, System.nanoTime());
    }

    private Workload resolve(Pod pod, long deadline) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels != null && labels.get(LWS_NAME_LABEL) != null) {
            return new Workload("LeaderWorkerSet", labels.get(LWS_NAME_LABEL));
        }
        Optional<OwnerReference> owner = ParentLookup.controller(pod.getMetadata().getOwnerReferences());
        if (owner.isEmpty() || "Node".equals(owner.get().getKind())) {
            // A static pod's mirror is "owned" by its Node, which is no workload to scale.
            return Workload.pod(pod.getMetadata().getName());
        }
        OwnerReference o = owner.get();
        String group = group(o.getApiVersion());
        return switch (o.getKind()) {
            case "ReplicaSet" -> group.equals("apps") ? parent(new Key("ReplicaSet", namespace, o.getName()),
                    "Deployment", deadline) : new Workload(o.getKind(), o.getName());
            case "Job" -> group.equals("batch") ? parent(new Key("Job", namespace, o.getName()), "CronJob", deadline)
                    : new Workload(o.getKind(), o.getName());
            // StatefulSet, DaemonSet, LeaderWorkerSet (a CRD, taken as named) and any other controller: the
            // owner is the workload; nothing to read.
            default -> new Workload(o.getKind(), o.getName());
        };
    }

    private Workload parent(Key key, String parentKind, long deadline) {
        long now = System.nanoTime();
        Entry entry = cache.compute(key, (k, old) -> old != null && old.fresh(now) ? old : start(k, parentKind, old));
        entry.lastUsed = now;
        Workload self = new Workload(key.kind(), key.name());
        Workload done = entry.answer.getNow(null);
        if (done != null) {
            return done;
        }
        if (entry.previous != null) {
            return entry.previous;
        }
        long wait = deadline - System.nanoTime();
        if (wait <= 0) {
            return self;
        }
        try {
            return entry.answer.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return self;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return self;
        }
    }

    private Entry start(Key key, String parentKind, Entry old) {
        Entry entry = new Entry(old == null ? null : old.answer.getNow(old.previous));
        Workload self = new Workload(key.kind(), key.name());
        try {
            executor.execute(() -> complete(entry, key, parentKind, self));
        } catch (RejectedExecutionException closed) {
            entry.expiresAt = System.nanoTime() + retryNanos;
            entry.answer.complete(self);
        }
        return entry;
    }

    private void complete(Entry entry, Key key, String parentKind, Workload self) {
        Workload answer;
        long keep;
        try {
            answer = lookup.controllerOf(key.kind(), key.namespace(), key.name())
                    .filter(o -> parentKind.equals(o.getKind()))
                    .map(o -> new Workload(parentKind, o.getName()))
                    .orElse(self);
            keep = ttlNanos;
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "owner lookups answer again");
            }
        } catch (RuntimeException e) {
            // Keep the previous answer if there was one: a blip must not relabel a Deployment's pods.
            answer = entry.previous != null ? entry.previous : self;
            keep = retryNanos;
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "cannot read " + key.kind() + " " + key.namespace() + "/" + key.name()
                        + " to find its " + parentKind + " (" + ApiProblems.describe(e)
                        + "); using the " + key.kind() + " as the workload until lookups succeed");
            }
        }
        entry.expiresAt = System.nanoTime() + keep;
        entry.answer.complete(answer);
    }

    /** Forgets ReplicaSets and Jobs nobody asked about for two TTLs (rollouts leave old ones behind). */
    void prune() {
        long now = System.nanoTime();
        cache.values().removeIf(e -> e.answer.isDone() && now - e.lastUsed > 2 * ttlNanos);
    }

    int cached() {
        return cache.size();
    }

    static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
