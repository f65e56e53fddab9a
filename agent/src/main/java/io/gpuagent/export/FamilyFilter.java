package io.gpuagent.export;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The families turned off by {@code --exclude-families}: globs ({@code *} any run of characters, {@code ?} one)
 * over family names as {@code /metrics} shows them ({@code gpu_energy_joules_total}, {@code gpu_info},
 * {@code DCGM_FI_DEV_GPU_UTIL}), each matching the whole name. Immutable.
 */
public final class FamilyFilter {

    /** Nothing turned off. */
    public static final FamilyFilter NONE = new FamilyFilter(List.of());

    private final List<String> globs;
    private final List<Pattern> patterns;

    private FamilyFilter(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.patterns = globs.stream().map(FamilyFilter::compile).toList();
    }

    public static FamilyFilter of(List<String> globs) {
        return globs.isEmpty() ? NONE : new FamilyFilter(globs);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether the family of that exposed name is served. */
    public boolean on(String exposedName) {
        for (Pattern p : patterns) {
            if (p.matcher(exposedName).matches()) {
                return false;
            }
        }
        return true;
    }

    public boolean excludes(String exposedName) {
        return !on(exposedName);
    }

    /** Whether every serving signal ({@code inference_*}) is off: then the inference servers need not be read. */
    public boolean servingOff() {
        return offAll(ServingFamilies.NAMES);
    }

    /** Whether every per-container energy and GPU time family is off: then the ledger need not run. */
    public boolean accountingOff() {
        return offAll(AccountFamilies.NAMES);
    }

    /** Whether every one of {@code names} is off. */
    public boolean offAll(Collection<String> names) {
        return names.stream().allMatch(this::excludes);
    }

    /**
     * @throws IllegalArgumentException naming the globs that match none of {@code names} (the families the naming
     *     can serve): a typo would otherwise leave on what the user meant to turn off, without a word
     */
    public void check(Collection<String> names, String naming) {
        List<String> unmatched = new ArrayList<>();
        for (int i = 0; i < globs.size(); i++) {
            Pattern p = patterns.get(i);
            if (names.stream().noneMatch(n -> p.matcher(n).matches())) {
                unmatched.add(globs.get(i));
            }
        }
        if (!unmatched.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", unmatched) + (unmatched.size() == 1 ? " matches" : " match")
                    + " no family of " + naming + " naming that can be turned off (see docs/metrics.md; the agent's own"
                    + " gpu_agent_* families stay on)");
        }
    }

    /** {@code families} without those turned off. */
    public List<MetricSnapshot> apply(List<MetricSnapshot> families) {
        if (patterns.isEmpty()) {
            return families;
        }
        List<MetricSnapshot> out = new ArrayList<>(families.size());
        for (MetricSnapshot m : families) {
            if (on(exposedName(m))) {
                out.add(m);
            }
        }
        return out;
    }

    /** The name a family has on {@code /metrics}: a counter's with {@code _total}, an info's with {@code _info}. */
    static String exposedName(MetricSnapshot m) {
        String name = m.getMetadata().getPrometheusName();
        return switch (m) {
            case InfoSnapshot i -> name + "_info";
            case CounterSnapshot c -> name + "_total";
            default -> name;
        };
    }

    @Override
    public String toString() {
        return globs.isEmpty() ? "none" : String.join(",", globs);
    }
}
