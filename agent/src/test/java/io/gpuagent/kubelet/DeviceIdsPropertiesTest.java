package io.gpuagent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link DeviceIds#parse}: any text is parsed or refused without an exception, exactly the ids an
 * independently written grammar accepts are parsed, and every valid id parses back to what it was built from.
 */
class DeviceIdsPropertiesTest {

    /** The documented forms, written apart from the parser's own patterns: the oracle. */
    private static final String UUID = "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}";
    private static final Pattern GRAMMAR = Pattern.compile(
            "(?:(?:GPU-" + UUID + "|MIG-" + UUID + "|MIG-GPU-" + UUID + "/[0-9]{1,4}/[0-9]{1,4}"
                    + "|nvidia[0-9]{1,4}(?:/gi[0-9]{1,4})?)(?:::[0-9]{1,9})?)"
                    + "|nvidia[0-9]{1,4}(?:/gi[0-9]{1,4})?/vgpu[0-9]{1,9}");

    @Test
    void anyTextIsParsedOrRefusedAsTheGrammarSays() {
        Properties.forAll("any text is parsed or refused as the grammar says", Properties.TRIES,
                DeviceIdsPropertiesTest::idLike, DeviceIdsPropertiesTest::asTheGrammarSays);
    }

    @Test
    void arbitraryUnicodeNeverThrows() {
        Properties.forAll("arbitrary Unicode never throws", Properties.TRIES, r -> Gen.text(r, 300),
                DeviceIdsPropertiesTest::asTheGrammarSays);
    }

    @Test
    void arbitraryBytesNeverThrow() {
        Properties.forAll("arbitrary bytes never throw", Properties.TRIES, r -> Gen.bytes(r, 300), bytes -> {
            asTheGrammarSays(new String(bytes, StandardCharsets.UTF_8));
            asTheGrammarSays(new String(bytes, StandardCharsets.ISO_8859_1));
        });
    }

    private static void asTheGrammarSays(String id) {
        Optional<DeviceRef> ref = DeviceIds.parse(id);
        assertThat(ref.isPresent()).as(id).isEqualTo(id.length() <= 256 && GRAMMAR.matcher(id).matches());
    }

    @Test
    void validIdsParseBackToWhatTheyWereBuiltFrom() {
        Properties.forAll("valid ids parse back to what they were built from", Properties.TRIES,
                DeviceIdsPropertiesTest::validId,
                built -> assertThat(DeviceIds.parse(built.id())).as(built.id()).contains(built.ref()));
    }

    @Test
    void aCorruptedValidIdIsParsedOnlyIfStillValid() {
        record Corrupted(Built built, Edit edit) {
        }
        Properties.forAll("a corrupted valid id is parsed only if still valid", Properties.TRIES,
                r -> new Corrupted(validId(r), edit(r)), c -> {
                    String id = c.edit().apply(c.built().id());
                    Optional<DeviceRef> ref = DeviceIds.parse(id);
                    assertThat(ref.isPresent()).as(id).isEqualTo(GRAMMAR.matcher(id).matches());
                    if (id.equals(c.built().id())) {
                        assertThat(ref).contains(c.built().ref());
                    }
                });
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

    static Edit edit(SplittableRandom r) {
        char c = r.nextBoolean() ? Gen.oneOf(r, '-', ':', '/', '0', '9', 'a', 'f', 'g', 'G', 'M', 'I', ' ', '\n',
                '\u0000', '\u0660', 'Ａ') : Gen.anyChar(r);
        return new Edit(r.nextInt(4), r.nextInt(301), c);
    }

    static String uuidBody(SplittableRandom r) {
        String u = Gen.uuid(r);
        return r.nextBoolean() ? u.toUpperCase(java.util.Locale.ROOT) : u;
    }

    private static int small(SplittableRandom r) {
        return r.nextBoolean() ? r.nextInt(10) : r.nextInt(10_000);
    }

    private static OptionalInt replica(SplittableRandom r) {
        return r.nextBoolean() ? OptionalInt.empty() : OptionalInt.of(r.nextBoolean() ? r.nextInt(10)
                : r.nextInt(1_000_000_000));
    }

    /** A valid id of any of the five forms, with or without a replica, and what it must parse to. */
    static Built validId(SplittableRandom r) {
        OptionalInt rep = replica(r);
        return switch (r.nextInt(5)) {
            case 0 -> {
                String u = uuidBody(r);
                yield new Built(withReplica("GPU-" + u, rep), new DeviceRef.GpuUuid("GPU-" + u, rep));
            }
            case 1 -> {
                String u = uuidBody(r);
                yield new Built(withReplica("MIG-" + u, rep), new DeviceRef.MigUuid("MIG-" + u, rep));
            }
            case 2 -> {
                String u = uuidBody(r);
                int gi = small(r);
                int ci = small(r);
                yield new Built(withReplica("MIG-GPU-" + u + "/" + gi + "/" + ci, rep),
                        new DeviceRef.MigByInstance("GPU-" + u, gi, ci, rep));
            }
            case 3 -> {
                int n = small(r);
                yield r.nextBoolean() && rep.isPresent()
                        ? new Built("nvidia" + n + "/vgpu" + rep.getAsInt(), new DeviceRef.GpuMinor(n, rep))
                        : new Built(withReplica("nvidia" + n, rep), new DeviceRef.GpuMinor(n, rep));
            }
            default -> {
                int n = small(r);
                int gi = small(r);
                yield r.nextBoolean() && rep.isPresent()
                        ? new Built("nvidia" + n + "/gi" + gi + "/vgpu" + rep.getAsInt(),
                                new DeviceRef.MigByMinor(n, gi, rep))
                        : new Built(withReplica("nvidia" + n + "/gi" + gi, rep), new DeviceRef.MigByMinor(n, gi, rep));
            }
        };
    }

    private static String withReplica(String base, OptionalInt replica) {
        return replica.isPresent() ? base + "::" + replica.getAsInt() : base;
    }

    /** Concatenations of the forms' pieces: far more often near-valid than random text. */
    static String idLike(SplittableRandom r) {
        return Gen.tokens(r, 8, t -> switch (t.nextInt(4)) {
            case 0 -> Gen.oneOf(t, "GPU-", "MIG-", "MIG-GPU-", "nvidia", "/gi", "/vgpu", "::", "/", "-", ":", "0", "12",
                    "0007", "99999", "1234567890", "ab", "GPU", "gpu-", " ", "\t", "\n", "\u0000", "\u0661", "\uD800");
            case 1 -> uuidBody(t);
            case 2 -> uuidBody(t).substring(0, 35);
            default -> Gen.text(t, 4);
        });
    }
}
