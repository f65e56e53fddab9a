package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of {@link SettingParsers} (and the enum parsers it applies): every setting's text, from any source,
 * becomes its typed value or a one-line {@link ConfigException} that names the setting's flag and, when the
 * text did not come from the command line, where it came from; valid values are read as written.
 */
class SettingParsersPropertiesTest {

    /** Every conversion the loader applies, by setting. */
    private static Object convert(SettingValue v) throws ConfigException {
        return switch (v.setting()) {
            case LISTEN -> SettingParsers.convert(v, ListenAddress::parse);
            case COLLECT_INTERVAL -> SettingParsers.collectInterval(v);
            case SIMULATE -> SettingParsers.simulate(v);
            case KUBERNETES -> SettingParsers.convert(v, KubernetesMode::parse);
            case NODE_NAME -> SettingParsers.nodeName(v);
            case POD_LABEL_ALLOWLIST -> SettingParsers.regex(v);
            case NAMING -> SettingParsers.convert(v, Naming::parse);
            case GPU_RESOURCE_NAMES -> SettingParsers.resourceNames(v);
            case PROCESS_METRICS -> SettingParsers.bool(v);
            case WEB_CONFIG_FILE, CONFIG -> SettingParsers.readableFile(v);
            case NVML_LIBRARY, POD_RESOURCES_SOCKET, PROC_ROOT -> SettingParsers.path(v);
        };
    }

    @Property
    void anyTextIsAValueOrAnErrorNamingTheSetting(@ForAll("values") SettingValue v) {
        Throwable t = catchThrowable(() -> assertThat(convert(v)).isNotNull());
        if (t != null) {
            assertThat(t).as("%s", v).isExactlyInstanceOf(ConfigException.class);
            ConfigException e = (ConfigException) t;
            assertThat(e.setting()).isEqualTo(v.setting().flag());
            assertThat(e.getMessage()).startsWith(v.setting().flag() + ": ").doesNotContain("\n", "\r");
            if (!v.origin().isEmpty()) {
                assertThat(e.getMessage()).endsWith(" (from " + v.origin() + ")");
            }
        }
    }

    @Property
    void arbitraryBytesAreAValueOrAnError(@ForAll @Size(max = 100) byte[] bytes, @ForAll Setting setting) {
        anyTextIsAValueOrAnErrorNamingTheSetting(SettingValue.fromEnv(setting, new String(bytes, StandardCharsets.UTF_8)));
        anyTextIsAValueOrAnErrorNamingTheSetting(
                SettingValue.fromYaml(setting, new String(bytes, StandardCharsets.ISO_8859_1), "f.yaml"));
    }

    @Property
    void collectIntervalsInRangeAreAcceptedAndOthersRefused(@ForAll @LongRange(min = 1, max = 3_600_000) long millis) {
        Duration d = Duration.ofMillis(millis);
        SettingValue v = SettingValue.fromFlag(Setting.COLLECT_INTERVAL, Durations.format(d));
        boolean inRange = d.compareTo(AgentConfig.MIN_COLLECT_INTERVAL) >= 0
                && d.compareTo(AgentConfig.MAX_COLLECT_INTERVAL) <= 0;
        Throwable t = catchThrowable(() -> assertThat(SettingParsers.collectInterval(v)).isEqualTo(d));
        if (inRange) {
            assertThat(t).isNull();
        } else {
            assertThat(t).isInstanceOf(ConfigException.class).hasMessageContaining("out of range");
        }
    }

    @Property
    void resourceNameListsAreReadAsWritten(@ForAll("resourceNames") List<String> names, @ForAll("separators")
            List<String> separators) throws ConfigException {
        StringBuilder text = new StringBuilder(" ");
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : separators.get(i % separators.size())).append(names.get(i));
        }
        text.append(separators.getFirst()); // a trailing separator is harmless
        Set<String> read = SettingParsers.resourceNames(SettingValue.fromFlag(Setting.GPU_RESOURCE_NAMES,
                text.toString()));
        assertThat(read).containsExactlyElementsOf(new LinkedHashSet<>(names));
    }

    @Property
    void switchesReadEverySpellingInAnyCase(@ForAll("switchWords") String word, @ForAll("spaces") String lead,
            @ForAll("spaces") String trail) throws ConfigException {
        boolean on = List.of("true", "1", "yes", "on").contains(word.toLowerCase(Locale.ROOT));
        SettingValue v = SettingValue.fromEnv(Setting.PROCESS_METRICS, lead + word + trail);
        assertThat(SettingParsers.bool(v)).isEqualTo(on);
        assertThat(SettingParsers.simulate(SettingValue.fromEnv(Setting.SIMULATE, lead + word + trail)).isPresent())
                .isEqualTo(on);
    }

    @Provide
    Arbitrary<SettingValue> values() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of(":9400", "2s", "0s", "10m1ms", "auto", "on", "OFF", "dcgm", "Native", "true", "yes",
                        "example.com/gpu", "a/b", ",", " ", "\t", "\n", "\r\n", "/", "/tmp", "/dev/null", "..", "(",
                        ")", "[", "]", "*", "+", "?", "{1,2}", "\\", "\\Q", "\\E", "(?<n>x)", "(?", "\u0000", "\uD800",
                        "é", "%", ":", "[::1]:1"),
                Arbitraries.strings().ofMaxLength(4));
        Arbitrary<String> text = token.list().ofMaxSize(12).map(l -> String.join("", l));
        Arbitrary<String> anyText = Arbitraries.oneOf(text, Arbitraries.strings().ofMaxLength(60));
        return Combinators.combine(Arbitraries.of(Setting.class), anyText, Arbitraries.integers().between(0, 2))
                .as((s, t, origin) -> switch (origin) {
                    case 0 -> SettingValue.fromFlag(s, t);
                    case 1 -> SettingValue.fromEnv(s, t);
                    default -> SettingValue.fromYaml(s, t, "/etc/gpu-agent.yaml");
                });
    }

    @Provide
    Arbitrary<List<String>> resourceNames() {
        Arbitrary<String> domain = Arbitraries.strings().withChars("abz09").ofMinLength(1).ofMaxLength(6).list()
                .ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
        Arbitrary<String> name = Combinators.combine(Arbitraries.strings().withChars("aZ9").ofLength(1),
                Arbitraries.strings().withChars("aZ9-_.").ofMaxLength(8), Arbitraries.strings().withChars("bY8")
                        .ofLength(1)).as((a, b, c) -> a + b + c);
        return Combinators.combine(domain, name).as((d, n) -> d + "/" + n).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<String>> separators() {
        return Arbitraries.of(",", ", ", " ,", ",,", ",\t").list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> switchWords() {
        return Arbitraries.of("true", "false", "1", "0", "yes", "no", "on", "off").flatMap(w ->
                Arbitraries.integers().between(0, (1 << w.length()) - 1).map(mask -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < w.length(); i++) {
                        b.append((mask >> i & 1) == 1 ? Character.toUpperCase(w.charAt(i)) : w.charAt(i));
                    }
                    return b.toString();
                }));
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.of("", "", " ", "\t", " \n");
    }
}
