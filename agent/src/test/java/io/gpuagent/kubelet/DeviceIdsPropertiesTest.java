package io.gpuagent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of {@link DeviceIds#parse}: any text is parsed or refused without an exception, exactly the ids an
 * independently written grammar accepts are parsed, and every valid id parses back to what it was built from.
 * Tries: {@code jqwik.tries.default} (junit-platform.properties; raised for the long campaign).
 */
class DeviceIdsPropertiesTest {

    /** The documented forms, written apart from the parser's own patterns: the oracle. */
    private static final String UUID = "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}";
    private static final Pattern GRAMMAR = Pattern.compile(
            "(?:(?:GPU-" + UUID + "|MIG-" + UUID + "|MIG-GPU-" + UUID + "/[0-9]{1,4}/[0-9]{1,4}"
                    + "|nvidia[0-9]{1,4}(?:/gi[0-9]{1,4})?)(?:::[0-9]{1,9})?)"
                    + "|nvidia[0-9]{1,4}(?:/gi[0-9]{1,4})?/vgpu[0-9]{1,9}");

    @Property
    void anyTextIsParsedOrRefusedAsTheGrammarSays(@ForAll("idLike") String id) {
        Optional<DeviceRef> ref = DeviceIds.parse(id);
        assertThat(ref.isPresent()).as(id).isEqualTo(id.length() <= 256 && GRAMMAR.matcher(id).matches());
    }

    @Property
    void arbitraryUnicodeNeverThrows(@ForAll @StringLength(max = 300) String id) {
        Optional<DeviceRef> ref = DeviceIds.parse(id);
        assertThat(ref.isPresent()).as(id).isEqualTo(id.length() <= 256 && GRAMMAR.matcher(id).matches());
    }

    @Property
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        for (String id : new String[] {new String(bytes, StandardCharsets.UTF_8),
                new String(bytes, StandardCharsets.ISO_8859_1)}) {
            assertThat(DeviceIds.parse(id).isPresent()).isEqualTo(id.length() <= 256 && GRAMMAR.matcher(id).matches());
        }
    }

    @Property
    void validIdsParseBackToWhatTheyWereBuiltFrom(@ForAll("validIds") Built built) {
        assertThat(DeviceIds.parse(built.id())).as(built.id()).contains(built.ref());
    }

    @Property
    void aCorruptedValidIdIsParsedOnlyIfStillValid(@ForAll("validIds") Built built, @ForAll("edits") Edit edit) {
        String id = edit.apply(built.id());
        Optional<DeviceRef> ref = DeviceIds.parse(id);
        assertThat(ref.isPresent()).as(id).isEqualTo(GRAMMAR.matcher(id).matches());
        if (id.equals(built.id())) {
            assertThat(ref).contains(built.ref());
        }
    }

    record Built(String id, DeviceRef ref) {
    }

    record Edit(int kind, int position, char c) {
        String apply(String s) {
            int at = Math.floorMod(position, s.length() + 1);
            return switch (kind) {
                case 0 -> s.substring(0, at) + c + s.substring(at); // insert
                case 1 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s; // delete
                case 2 -> at < s.length() ? s.substring(0, at) + c + s.substring(at + 1) : s; // replace
                default -> s.substring(0, at); // truncate
            };
        }
    }

    @Provide
    Arbitrary<Edit> edits() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.of('-', ':', '/', '0', '9', 'a', 'f', 'g', 'G',
                'M', 'I', ' ', '\n', '\u0000', '\u0660', 'Ａ'), Arbitraries.chars());
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 300), chars)
                .as(Edit::new);
    }

    static Arbitrary<String> uuidBody() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).flatMap(b -> Arbitraries.of(true, false).map(upper -> {
            String hex = HexFormat.of().formatHex(b);
            String u = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
            return upper ? u.toUpperCase(java.util.Locale.ROOT) : u;
        }));
    }

    @Provide
    Arbitrary<Built> validIds() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 9999);
        Arbitrary<OptionalInt> replica = Arbitraries.oneOf(Arbitraries.just(OptionalInt.empty()),
                Arbitraries.integers().between(0, 999_999_999).map(OptionalInt::of));
        Arbitrary<Built> gpu = Combinators.combine(uuidBody(), replica)
                .as((u, r) -> new Built(withReplica("GPU-" + u, r), new DeviceRef.GpuUuid("GPU-" + u, r)));
        Arbitrary<Built> mig = Combinators.combine(uuidBody(), replica)
                .as((u, r) -> new Built(withReplica("MIG-" + u, r), new DeviceRef.MigUuid("MIG-" + u, r)));
        Arbitrary<Built> legacy = Combinators.combine(uuidBody(), small, small, replica)
                .as((u, gi, ci, r) -> new Built(withReplica("MIG-GPU-" + u + "/" + gi + "/" + ci, r),
                        new DeviceRef.MigByInstance("GPU-" + u, gi, ci, r)));
        Arbitrary<Built> minor = Combinators.combine(small, replica, Arbitraries.of(true, false)).as((n, r, vgpu) ->
                vgpu && r.isPresent()
                        ? new Built("nvidia" + n + "/vgpu" + r.getAsInt(), new DeviceRef.GpuMinor(n, r))
                        : new Built(withReplica("nvidia" + n, r), new DeviceRef.GpuMinor(n, r)));
        Arbitrary<Built> migMinor = Combinators.combine(small, small, replica, Arbitraries.of(true, false))
                .as((n, gi, r, vgpu) -> vgpu && r.isPresent()
                        ? new Built("nvidia" + n + "/gi" + gi + "/vgpu" + r.getAsInt(), new DeviceRef.MigByMinor(n, gi, r))
                        : new Built(withReplica("nvidia" + n + "/gi" + gi, r), new DeviceRef.MigByMinor(n, gi, r)));
        return Arbitraries.oneOf(gpu, mig, legacy, minor, migMinor);
    }

    private static String withReplica(String base, OptionalInt replica) {
        return replica.isPresent() ? base + "::" + replica.getAsInt() : base;
    }

    /** Concatenations of the forms' pieces: far more often near-valid than random text. */
    @Provide
    Arbitrary<String> idLike() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("GPU-", "MIG-", "MIG-GPU-", "nvidia", "/gi", "/vgpu", "::", "/", "-", ":", "0", "12",
                        "0007", "99999", "1234567890", "ab", "GPU", "gpu-", " ", "\t", "\n", "\u0000", "\u0661",
                        "\uD800"),
                uuidBody(), uuidBody().map(u -> u.substring(0, 35)), Arbitraries.strings().ofMaxLength(4));
        return token.list().ofMaxSize(8).map(l -> String.join("", l));
    }
}
