package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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
            case DCGM_HOSTNAME_LABEL -> SettingParsers.convert(v, DcgmSettings.HostnameLabel::parse);
            case EXCLUDE_FAMILIES -> SettingParsers.globs(v);
            case GPU_RESOURCE_NAMES -> SettingParsers.resourceNames(v);
            case PROCESS_METRICS, XID_EVENTS, DCGM_POD_UID, DCGM_POD_LABELS -> SettingParsers.bool(v);
            case WEB_CONFIG_FILE, CONFIG, DCGM_COUNTERS -> SettingParsers.readableFile(v);
            case NVML_LIBRARY, POD_RESOURCES_SOCKET, PROC_ROOT -> SettingParsers.path(v);
            case HTTP_HEADER_TIMEOUT, HTTP_IDLE_TIMEOUT, HTTP_WRITE_TIMEOUT, HTTP_MAX_CONNECTIONS ->
                    SettingParsers.httpLimits(java.util.Map.of(v.setting(), v));
        };
    }

    @Test
    void anyTextIsAValueOrAnErrorNamingTheSetting() {
        Properties.forAll("any text is a value or an error naming the setting", Properties.TRIES,
                SettingParsersPropertiesTest::value, SettingParsersPropertiesTest::check);
    }

    private static void check(SettingValue v) {
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

    @Test
    void arbitraryBytesAreAValueOrAnError() {
        record Input(byte[] bytes, Setting setting) {
            @Override
            public String toString() {
                return setting + " " + HexFormat.of().formatHex(bytes);
            }
        }
        Properties.forAll("arbitrary bytes are a value or an error", Properties.TRIES,
                r -> new Input(Gen.bytes(r, 100), Gen.oneOf(r, Setting.values())), in -> {
                    check(SettingValue.fromEnv(in.setting(), new String(in.bytes(), StandardCharsets.UTF_8)));
                    check(SettingValue.fromYaml(in.setting(), new String(in.bytes(), StandardCharsets.ISO_8859_1),
                            "f.yaml"));
                });
    }

    @Test
    void collectIntervalsInRangeAreAcceptedAndOthersRefused() {
        Properties.forAll("collect intervals in range are accepted and others refused", Properties.TRIES,
                r -> Duration.ofMillis(r.nextBoolean() ? Gen.magnitude(r, 1, 3_600_000) : Gen.between(r, 1, 3_600_000)),
                d -> {
                    SettingValue v = SettingValue.fromFlag(Setting.COLLECT_INTERVAL, Durations.format(d));
                    boolean inRange = d.compareTo(AgentConfig.MIN_COLLECT_INTERVAL) >= 0
                            && d.compareTo(AgentConfig.MAX_COLLECT_INTERVAL) <= 0;
                    Throwable t = catchThrowable(() -> assertThat(SettingParsers.collectInterval(v)).isEqualTo(d));
                    if (inRange) {
                        assertThat(t).isNull();
                    } else {
                        assertThat(t).isInstanceOf(ConfigException.class).hasMessageContaining("out of range");
                    }
                });
    }

    @Test
    void resourceNameListsAreReadAsWritten() {
        record Written(List<String> names, List<String> separators) {
        }
        Properties.forAll("resource name lists are read as written", Properties.TRIES,
                r -> new Written(Gen.list(r, 0, 6, SettingParsersPropertiesTest::resourceName),
                        Gen.list(r, 1, 4, s -> Gen.oneOf(s, ",", ", ", " ,", ",,", ",\t"))), w -> {
                    List<String> names = w.names();
                    List<String> separators = w.separators();
                    StringBuilder text = new StringBuilder(" ");
                    for (int i = 0; i < names.size(); i++) {
                        text.append(i == 0 ? "" : separators.get(i % separators.size())).append(names.get(i));
                    }
                    text.append(separators.getFirst()); // a trailing separator is harmless
                    Set<String> read = SettingParsers.resourceNames(SettingValue.fromFlag(Setting.GPU_RESOURCE_NAMES,
                            text.toString()));
                    assertThat(read).containsExactlyElementsOf(new LinkedHashSet<>(names));
                });
    }

    /**
     * Every switch word in any mix of case, with white space. There are only 1,900 such inputs; the normal
     * build samples them at random, and the long campaign's counts cover them many times over.
     */
    @Test
    void switchesReadEverySpellingInAnyCase() {
        Properties.forAll("switches read every spelling in any case", Properties.TRIES,
                r -> spaces(r) + switchWord(r) + spaces(r), text -> {
                    boolean on = List.of("true", "1", "yes", "on").contains(text.strip().toLowerCase(Locale.ROOT));
                    SettingValue v = SettingValue.fromEnv(Setting.PROCESS_METRICS, text);
                    assertThat(SettingParsers.bool(v)).isEqualTo(on);
                    assertThat(SettingParsers.simulate(SettingValue.fromEnv(Setting.SIMULATE, text)).isPresent())
                            .isEqualTo(on);
                });
    }

    /** Any setting, from a flag, the environment or the YAML file, holding setting-like tokens or any text. */
    static SettingValue value(SplittableRandom r) {
        Setting s = Gen.oneOf(r, Setting.values());
        String t = r.nextBoolean()
                ? Gen.tokens(r, 12, k -> k.nextBoolean()
                        ? Gen.oneOf(k, ":9400", "2s", "0s", "10m1ms", "auto", "on", "OFF", "dcgm", "Native", "true",
                                "yes", "example.com/gpu", "a/b", ",", " ", "\t", "\n", "\r\n", "/", "/tmp", "/dev/null",
                                "..", "(", ")", "[", "]", "*", "+", "?", "{1,2}", "\\", "\\Q", "\\E", "(?<n>x)", "(?",
                                "\u0000", "\uD800", "é", "%", ":", "[::1]:1")
                        : Gen.text(k, 4))
                : Gen.text(r, 60);
        return switch (r.nextInt(3)) {
            case 0 -> SettingValue.fromFlag(s, t);
            case 1 -> SettingValue.fromEnv(s, t);
            default -> SettingValue.fromYaml(s, t, "/etc/gpu-agent.yaml");
        };
    }

    /** An extended resource name: {@code domain/name}, the name starting and ending alphanumeric. */
    static String resourceName(SplittableRandom r) {
        String domain = String.join(".", Gen.list(r, 1, 3, d -> Gen.from(d, "abz09", 1, 6)));
        return domain + "/" + Gen.from(r, "aZ9", 1, 1) + Gen.from(r, "aZ9-_.", 0, 8) + Gen.from(r, "bY8", 1, 1);
    }

    static String switchWord(SplittableRandom r) {
        String w = Gen.oneOf(r, "true", "false", "1", "0", "yes", "no", "on", "off");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < w.length(); i++) {
            b.append(r.nextBoolean() ? Character.toUpperCase(w.charAt(i)) : w.charAt(i));
        }
        return b.toString();
    }

    static String spaces(SplittableRandom r) {
        return Gen.oneOf(r, "", "", " ", "\t", " \n");
    }
}
