package io.gpuagent.pods;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.gpuagent.source.Outcome;
import io.gpuagent.source.Source;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The pods of this node as the API server knows them, kept current by one informer watching
 * {@code pods} with the field selector {@code spec.nodeName=<node>} (so the agent's cost does not grow
 * with the cluster). Lookups read the informer's in-memory store and never call the API server, except
 * a Deployment/CronJob lookup still in flight, waited for at most {@link Timing#lookupTimeout()}.
 * <p>
 * While the API server is away the store keeps the last known pods, {@link #state()} says down with a
 * reason, and fabric8 keeps retrying. After {@code 410 Gone} the informer relists, which
 * {@link ListRequests} reports: one error in {@link #state()}, which stays up. Needs {@code list}/{@code watch}
 * on {@code pods} and {@code get} on {@code apps/replicasets} and {@code batch/jobs}.
 */
public final class PodIndex implements Source<Integer>, AutoCloseable {

    private static final Logger LOG = System.getLogger("io.gpuagent.pods");
    /** The source's name in the agent's own metrics ({@code gpu_agent_kubernetes_up}). */
    public static final String SOURCE = "kubernetes";
    static final InformerHealth.Subject PODS = new InformerHealth.Subject(SOURCE, "io.gpuagent.pods", "pods",
            "Kubernetes API: watch lost, reconnecting");
    private static final String BY_UID = "uid";
    private static final String BY_CONTAINER_ID = "containerId";
    /** The informer's list requests (all namespaces; the node is a field selector). */
    static final String PODS_PATH = "/api/v1/pods";

    /**
     * @param tick how often the watch is checked (and lookups pruned)
     * @param downAfter how long the watch may be away before the index reports down
     * @param probeEvery how often a down index asks the API server why
     * @param lookupTimeout the longest a reader waits for a ReplicaSet/Job read
     * @param ownerTtl how long a ReplicaSet's or Job's owner is cached
     * @param ownerRetry how soon a failed owner read is retried
     */
    record Timing(Duration tick, Duration downAfter, Duration probeEvery, Duration lookupTimeout, Duration ownerTtl,
            Duration ownerRetry) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(15));
    }

    /**
     * fabric8 logs each informer retry (with a stack trace) while the API server is away; the source's runner
     * logs each change of state once instead. Held here because java.util.logging (fabric8's slf4j
     * backend in this agent) keeps loggers only weakly, and a level set on a collected logger is lost.
     */
    private static final List<java.util.logging.Logger> QUIETED = List.of(
            java.util.logging.Logger.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector"),
            java.util.logging.Logger.getLogger("io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager"),
            // a watch's connection cut off (API server gone) is closed with code 1006, which the JDK's
            // WebSocket refuses to echo: a warning with a stack trace per open watch, about nothing
            java.util.logging.Logger.getLogger("io.fabric8.kubernetes.client.jdkhttp.JdkWebSocketImpl"));

    private final KubernetesClient client;
    private final String nodeName;
    private final Optional<Pattern> labelAllowlist;
    private final Timing timing;
    private final SharedIndexInformer<Pod> informer;
    private final OwnerResolver owners;
    private final InformerHealth health;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long lastPrune = System.nanoTime();
    private final Runnable stopListening;

    private PodIndex(KubernetesClient client, ListRequests lists, String nodeName, Optional<Pattern> labelAllowlist,
            Timing timing, ParentLookup lookup) {
        this.client = client;
        this.nodeName = nodeName;
        this.labelAllowlist = labelAllowlist;
        this.timing = timing;
        this.owners = new OwnerResolver(lookup, timing.lookupTimeout(), timing.ownerTtl(), timing.ownerRetry());
        this.health = new InformerHealth(PODS, nodeName, timing.downAfter(), timing.probeEvery());
        this.informer = client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).runnableInformer(0);
        informer.addIndexers(Map.<String, Function<Pod, List<String>>>of(
                BY_UID, PodIndex::uidKeys,
                BY_CONTAINER_ID, pod -> List.copyOf(ContainerIds.byId(pod).keySet())));
        informer.addEventHandler(new Events());
        // fabric8's default gives up when the first list fails; the API server may simply be late.
        informer.exceptionHandler((started, failure) -> {
            health.failed(failure, size());
            return true;
        });
        // fabric8 relists after 410 Gone without telling the exception handler
        this.stopListening = lists.onList(PODS_PATH, () -> health.relisting(size()));
    }

    /**
     * Starts watching the pods of {@code nodeName} and returns at once: the first list, and any retry
     * while the API server is unreachable, happen in the background ({@link #state()} tells).
     *
     * @param lists the list requests of {@code client} ({@link KubernetesClients#create(io.gpuagent.config.KubernetesMode,
     *        Map, ListRequests)}): how a relist after an expired watch is seen
     * @param labelAllowlist which pod label keys to copy onto series (the whole key must match)
     */
    public static PodIndex start(KubernetesClient client, ListRequests lists, String nodeName,
            Optional<Pattern> labelAllowlist) {
        return start(client, lists, nodeName, labelAllowlist, Timing.DEFAULT, ParentLookup.of(client));
    }

    /** For tests that do not look at relists: a {@link ListRequests} that is not on the client. */
    static PodIndex start(KubernetesClient client, String nodeName, Optional<Pattern> labelAllowlist, Timing timing,
            ParentLookup lookup) {
        return start(client, new ListRequests(), nodeName, labelAllowlist, timing, lookup);
    }

    static PodIndex start(KubernetesClient client, ListRequests lists, String nodeName, Optional<Pattern> labelAllowlist,
            Timing timing, ParentLookup lookup) {
        QUIETED.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE));
        PodIndex index = new PodIndex(client, lists, nodeName, labelAllowlist, timing, lookup);
        index.informer.start();
        return index;
    }

    /** The pod of that name on this node, if known. */
    public Optional<PodInfo> pod(String namespace, String name) {
        return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name))
                .map(p -> info(p, owners.deadline()));
    }

    /**
     * The allowlisted labels of that pod as {@code label_<name>} labels; empty if the pod is unknown.
     * Never waits for an owner lookup, so it is safe on the scrape path.
     */
    public Map<String, String> allowlistedLabels(String namespace, String name) {
        Pod p = informer.getStore().getByKey(namespace + "/" + name);
        return p == null ? Map.of() : PodLabels.allowlisted(p.getMetadata().getLabels(), labelAllowlist);
    }

    /** The uid of that pod, if known. Never waits, so it is safe on the scrape path. */
    public Optional<String> uid(String namespace, String name) {
        Pod p = informer.getStore().getByKey(namespace + "/" + name);
        return p == null ? Optional.empty() : Optional.ofNullable(p.getMetadata().getUid()).filter(u -> !u.isEmpty());
    }

    /**
     * That pod's labels as dcgm-exporter puts them on its series (sanitized names, no prefix; those matching
     * {@code --pod-label-allowlist}, or all without one); empty if the pod is unknown. Never waits.
     */
    public Map<String, String> dcgmLabels(String namespace, String name) {
        Pod p = informer.getStore().getByKey(namespace + "/" + name);
        return p == null ? Map.of() : PodLabels.dcgm(p.getMetadata().getLabels(), labelAllowlist);
    }

    /**
     * The workload of that pod as far as it is known now: never waits for an owner lookup (one in flight is started
     * or left running, and the pod's direct owner stands in until it answers), so it is safe on the scrape path.
     */
    public Optional<Workload> workloadNow(String namespace, String name) {
        Pod p = informer.getStore().getByKey(namespace + "/" + name);
        return p == null ? Optional.empty() : Optional.of(owners.workloadOf(p, System.nanoTime()));
    }

    /** The pod with that uid, or the static pod whose config hash (its cgroup's "uid") it is. */
    public Optional<PodInfo> byUid(String uidOrConfigHash) {
        return first(BY_UID, uidOrConfigHash).map(p -> info(p, owners.deadline()));
    }

    /**
     * Namespace and name of the pod with that uid or config hash, without its owner: never waits, so it
     * is safe on the collection and scrape paths. The container is "".
     */
    public Optional<ContainerRef> podOfUid(String uidOrConfigHash) {
        return first(BY_UID, uidOrConfigHash).map(pod -> new ContainerRef(pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), Objects.requireNonNullElse(pod.getMetadata().getUid(), ""), ""));
    }

    /** The container with that runtime id (with or without its {@code containerd://}-style prefix). */
    public Optional<ContainerRef> byContainerId(String containerId) {
        String id = ContainerIds.strip(containerId);
        return first(BY_CONTAINER_ID, id).map(pod -> new ContainerRef(pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), Objects.requireNonNullElse(pod.getMetadata().getUid(), ""),
                ContainerIds.byId(pod).get(id)));
    }

    /** Every known pod of this node. */
    public List<PodInfo> pods() {
        List<PodInfo> out = new ArrayList<>();
        long deadline = owners.deadline();
        informer.getStore().list().forEach(p -> out.add(info(p, deadline)));
        return out;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String title() {
        return "Kubernetes API";
    }

    /** How often {@link #refresh} should run: it watches the informer and prunes cached owner reads. */
    public Duration refreshEvery() {
        return timing.tick();
    }

    /**
     * Calls {@code listener} when a pod is added or deleted, or its phase or containers change. It runs on
     * the informer's event thread: it must return quickly (e.g. just wake a refresher).
     */
    public void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public String nodeName() {
        return nodeName;
    }

    private Optional<Pod> first(String index, String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        List<Pod> pods = informer.getIndexer().byIndex(index, key);
        return pods.isEmpty() ? Optional.empty() : Optional.of(pods.getFirst());
    }

    private PodInfo info(Pod pod, long ownerDeadline) {
        return PodInfo.of(pod, labelAllowlist, owners.workloadOf(pod, ownerDeadline));
    }

    private int size() {
        return informer.getStore().list().size();
    }

    private static List<String> uidKeys(Pod pod) {
        List<String> keys = new ArrayList<>(2);
        if (pod.getMetadata().getUid() != null) {
            keys.add(pod.getMetadata().getUid());
        }
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String hash = annotations == null ? null : annotations.get(PodInfo.CONFIG_HASH_ANNOTATION);
        if (hash != null && !hash.isBlank() && !keys.contains(hash)) {
            keys.add(hash);
        }
        return keys;
    }

    /**
     * One refresh: up while in sync with the API server (the pod count), down with the reason when not (a probe
     * asks the API server why), and pruning of cached owner reads. The informer itself runs on its own threads.
     */
    @Override
    public Outcome<Integer> refresh() {
        int pods = size();
        if (health.observe(informer.isWatching(), informer.hasSynced(), pods)) {
            health.probed(probe(), pods, false);
        }
        long now = System.nanoTime();
        if (now - lastPrune >= timing.ownerTtl().toNanos()) {
            lastPrune = now;
            owners.prune();
        }
        return health.outcome(pods);
    }

    /** The same list request the informer makes, limited to one pod: how it fails is why the index is down. */
    private Optional<RuntimeException> probe() {
        try {
            client.pods().inAnyNamespace().withField("spec.nodeName", nodeName)
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a pod change listener failed", e);
            }
        }
    }

    /** Informer events: start owner reads early, and tell listeners about changes that matter to them. */
    private final class Events implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            owners.prefetch(pod);
            changed();
        }

        @Override
        public void onUpdate(Pod old, Pod pod) {
            if (!Objects.equals(old.getMetadata().getOwnerReferences(), pod.getMetadata().getOwnerReferences())) {
                owners.prefetch(pod);
            }
            if (!Objects.equals(phase(old), phase(pod)) || !ContainerIds.byId(old).equals(ContainerIds.byId(pod))
                    || !containerNames(old).equals(containerNames(pod))) {
                changed();
            }
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            changed();
        }

        private static String phase(Pod pod) {
            return pod.getStatus() == null ? null : pod.getStatus().getPhase();
        }

        private static List<String> containerNames(Pod pod) {
            return pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of()
                    : pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
        }
    }

    /** Stops the informer and owner lookups; the client stays open for whoever created it to close. */
    @Override
    public void close() {
        stopListening.run();
        informer.close();
        owners.close();
    }
}
