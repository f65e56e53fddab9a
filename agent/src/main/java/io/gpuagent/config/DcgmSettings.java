package io.gpuagent.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of dcgm naming ({@code --naming=dcgm}) that make it a drop-in for a given dcgm-exporter setup.
 *
 * @param hostnameLabel which label names the node ({@code --dcgm-hostname-label})
 * @param counters a dcgm-exporter counters CSV to serve the fields of ({@code --dcgm-counters}); checked readable
 *     here, read and checked line by line at start
 * @param podUid add {@code pod_uid} to exclusively held devices' series ({@code --dcgm-pod-uid})
 * @param podLabels copy the holder pod's labels onto those series ({@code --dcgm-pod-labels})
 */
public record DcgmSettings(HostnameLabel hostnameLabel, Optional<Path> counters, boolean podUid, boolean podLabels) {

    public static final DcgmSettings DEFAULTS = new DcgmSettings(HostnameLabel.LOWER_CASE, Optional.empty(), false,
            false);

    public DcgmSettings {
        Objects.requireNonNull(hostnameLabel, "hostnameLabel");
        Objects.requireNonNull(counters, "counters");
    }

    /**
     * The node's label in dcgm naming. dcgm-exporter called it {@code Hostname} until its PR #655 renamed it
     * {@code hostname} (released in 4.8.3); dashboards written before that still group by the old name.
     */
    public enum HostnameLabel {
        /** {@code hostname}: dcgm-exporter 4.8.3 and newer (the default) */
        LOWER_CASE("hostname"),
        /** {@code Hostname}: dcgm-exporter before 4.8.3 */
        CAPITALISED("Hostname"),
        /** no node label, as dcgm-exporter's {@code --no-hostname} */
        NONE("none");

        private final String text;

        HostnameLabel(String text) {
            this.text = text;
        }

        /**
         * Reads {@code hostname}, {@code Hostname} or {@code none}, spelled exactly: the first two differ only in
         * case, which is the whole point of the setting.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static HostnameLabel parse(String text) {
            for (HostnameLabel l : values()) {
                if (l.text.equals(text.strip())) {
                    return l;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not one of hostname, Hostname, none");
        }

        /** The spelling {@link #parse} reads back. */
        public String text() {
            return text;
        }

        /** The label's name; empty for {@link #NONE}. */
        public Optional<String> label() {
            return this == NONE ? Optional.empty() : Optional.of(text);
        }
    }
}
