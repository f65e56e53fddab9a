package io.gpuagent;

import io.gpuagent.catalog.DcgmCounters;
import io.gpuagent.catalog.DcgmSelection;
import io.gpuagent.config.AgentConfig;
import io.gpuagent.config.ConfigException;
import io.gpuagent.config.DcgmSettings;
import io.gpuagent.config.Naming;
import io.gpuagent.export.DcgmNaming;
import io.gpuagent.export.FamilyFilter;
import io.gpuagent.kubernetes.KubernetesAssembly;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * From the settings to the device families' naming ({@code --naming}, the dcgm settings, {@code --exclude-families}):
 * read and checked by {@link #load} before anything starts, built by {@link #naming} once the Kubernetes part is up
 * (dcgm naming may label series with pods' uids and labels).
 */
final class DeviceNamings {

    private static final Logger LOG = System.getLogger("io.gpuagent");

    private final AgentConfig config;
    private final FamilyFilter excluded;
    private final DcgmSelection dcgmFields;

    private DeviceNamings(AgentConfig config, FamilyFilter excluded, DcgmSelection dcgmFields) {
        this.config = config;
        this.excluded = excluded;
        this.dcgmFields = dcgmFields;
    }

    /**
     * @throws ConfigException for a counters file that cannot be read or has a line that is not a field, or a glob
     *     that names no family of the naming
     */
    static DeviceNamings load(AgentConfig config) throws ConfigException {
        DeviceNamings n = new DeviceNamings(config, FamilyFilter.of(config.excludeFamilies()), dcgmFields(config));
        n.naming(Optional.empty()); // the globs are checked by building one
        return n;
    }

    /** The families turned off. */
    FamilyFilter excluded() {
        return excluded;
    }

    /**
     * The device families' naming: native, or dcgm-exporter's with its settings; {@code kubernetes} gives the pod uids
     * and labels dcgm naming may add.
     *
     * @throws ConfigException for a glob of {@code --exclude-families} that names no family of the naming
     */
    io.gpuagent.export.Naming naming(Optional<KubernetesAssembly> kubernetes) throws ConfigException {
        try {
            if (config.naming() != Naming.DCGM) {
                return io.gpuagent.export.Naming.nativeNaming(excluded);
            }
            DcgmSettings dcgm = config.dcgm();
            Optional<KubernetesAssembly> podUids = kubernetes.filter(k -> dcgm.podUid());
            Optional<KubernetesAssembly> podLabels = kubernetes.filter(k -> dcgm.podLabels());
            return io.gpuagent.export.Naming.dcgm(new DcgmNaming.Options(config.nodeName(), dcgm.hostnameLabel().label(),
                    dcgmFields, excluded,
                    h -> podUids.flatMap(k -> k.pods().uid(h.namespace(), h.pod())),
                    h -> podLabels.map(k -> k.pods().dcgmLabels(h.namespace(), h.pod())).orElse(Map.of())));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--exclude-families", e.getMessage());
        }
    }

    /**
     * The dcgm fields to serve: those of {@code --dcgm-counters} the agent can serve (the others named in one warning),
     * else the built-in set.
     *
     * @throws ConfigException naming the file, and the line, when it cannot be read or a line is not a field
     */
    private static DcgmSelection dcgmFields(AgentConfig config) throws ConfigException {
        Optional<Path> file = config.dcgm().counters();
        if (config.naming() != Naming.DCGM || file.isEmpty()) {
            return DcgmSelection.BUILT_IN;
        }
        DcgmCounters counters;
        try {
            counters = DcgmCounters.parse(Files.readString(file.get()));
        } catch (IOException e) {
            throw new ConfigException("--dcgm-counters", file.get() + ": cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--dcgm-counters", file.get() + " " + e.getMessage());
        }
        DcgmSelection fields = DcgmSelection.of(counters);
        if (!fields.notServed().isEmpty()) {
            LOG.log(Level.WARNING, "--dcgm-counters " + file.get() + ": not served, no NVML source the agent reads: "
                    + String.join(", ", fields.notServed()));
        }
        LOG.log(Level.INFO, "--dcgm-counters " + file.get() + ": serving " + (counters.counters().size()
                - fields.notServed().size()) + " of its " + counters.counters().size() + " fields");
        return fields;
    }
}
