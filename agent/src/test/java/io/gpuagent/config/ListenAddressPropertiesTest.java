package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of {@link ListenAddress}: every host (name, IPv4, IPv6 in its many spellings, with a zone) and port
 * formats and parses back to itself; any other text is refused with an {@link IllegalArgumentException} quoting
 * it, in time linear in its length; whatever parses has a port in range and formats back to the same address.
 */
class ListenAddressPropertiesTest {

    record Address(String host, int port) {
    }

    @Property
    void everyAddressFormatsAndParsesBack(@ForAll("addresses") Address a, @ForAll("spaces") String lead,
            @ForAll("spaces") String trail) {
        String text = lead + ListenAddress.format(a.host(), a.port()) + trail;
        assertThat(ListenAddress.parse(text)).as(text).isEqualTo(new ListenAddress(a.host(), a.port()));
    }

    @Property
    void portsOutOfRangeAreRefused(@ForAll("addresses") Address a, @ForAll @IntRange(min = 65_536) int port) {
        check(ListenAddress.format(a.host(), a.port()).replaceFirst("[0-9]+$", Integer.toString(port)), false);
    }

    @Property
    void anyTextIsAnAddressOrAnErrorQuotingIt(@ForAll("addressLike") String text) {
        check(text, true);
    }

    @Property
    void arbitraryUnicodeIsAnAddressOrAnError(@ForAll @StringLength(max = 200) String text) {
        check(text, true);
    }

    @Property
    void arbitraryBytesAreAnAddressOrAnError(@ForAll @Size(max = 200) byte[] bytes) {
        check(new String(bytes, StandardCharsets.UTF_8), true);
        check(new String(bytes, StandardCharsets.ISO_8859_1), true);
    }

    @Property
    void aCorruptedAddressIsAnAddressOrAnError(@ForAll("addresses") Address a, @ForAll @IntRange(max = 1000) int at,
            @ForAll("addressLike") String junk) {
        String t = ListenAddress.format(a.host(), a.port());
        int i = at % (t.length() + 1);
        check(t.substring(0, i) + junk + t.substring(i), true);
    }

    /** Long inputs: were quadratic (see ListenAddressTest.longRunOfColonsIsRejectedInLinearTime). */
    @Property
    void longInputsAreRefusedQuickly(@ForAll @IntRange(min = 1_000, max = 30_000) int length,
            @ForAll("addressLike") String tail) {
        long start = System.nanoTime();
        check(":".repeat(length) + tail, true);
        check("[" + ":".repeat(length) + tail + "]:1", true);
        check("a".repeat(length) + "-" + tail, true);
        check("[" + "0:".repeat(length / 2) + "%" + "e".repeat(length) + tail, true);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    private static void check(String text, boolean mayParse) {
        ListenAddress[] parsed = new ListenAddress[1];
        Throwable t = catchThrowable(() -> parsed[0] = ListenAddress.parse(text));
        if (t != null) {
            assertThat(t).as(text).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(t.getMessage()).startsWith("cannot use \"" + text + "\" as a listen address: ");
            return;
        }
        assertThat(mayParse).as(text).isTrue();
        ListenAddress a = parsed[0];
        assertThat(a.port()).isBetween(0, 65_535);
        assertThat(ListenAddress.parse(ListenAddress.format(a.host(), a.port()))).isEqualTo(a);
    }

    static Arbitrary<String> hostName() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcxyzABZ0189_").ofMinLength(1).ofMaxLength(12);
        return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.strings().withChars("abz09-").ofMaxLength(4)).as((labels, inner) -> {
                    String joined = String.join(".", labels);
                    // inner dashes are fine; the first and last character may not be one
                    return joined.length() > 1 ? joined.charAt(0) + inner + joined.substring(1) : joined;
                });
    }

    static Arbitrary<String> ipv4() {
        return Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    }

    static Arbitrary<String> ipv6() {
        Arbitrary<String> full = Arbitraries.bytes().array(byte[].class).ofSize(16).map(b -> {
            String h = HexFormat.of().formatHex(b);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 32; i += 4) {
                s.append(i == 0 ? "" : ":").append(h, i, i + 4);
            }
            return s.toString();
        });
        Arbitrary<String> compressed = Arbitraries.of("::", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:10.0.0.1",
                "FE80::A:b:C", "1::");
        Arbitrary<String> zone = Arbitraries.of("", "%eth0", "%1", "%en0.100", "%br-lan_2");
        return Combinators.combine(Arbitraries.oneOf(full, compressed), zone).as(String::concat);
    }

    @Provide
    Arbitrary<Address> addresses() {
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.just(""), hostName(), ipv4(), ipv6(),
                Arbitraries.of("localhost", "0.0.0.0")), Arbitraries.integers().between(0, 65_535)).as(Address::new);
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.of("", "", " ", "\t", "\n ", "\u2003");
    }

    @Provide
    Arbitrary<String> addressLike() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of(":", "::", "[", "]", "%", ".", "-", "_", "0", "9400", "65535", "65536", "123456",
                        "localhost", "fe80", "ffff", "1.2.3.4", " ", "\t", "\u0000", "\u0661", "\uD800", "é", "http://",
                        "@", "/"),
                Arbitraries.strings().ofMaxLength(3));
        return token.list().ofMaxSize(10).map(l -> String.join("", l));
    }
}
