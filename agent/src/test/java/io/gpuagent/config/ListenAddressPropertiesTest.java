package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link ListenAddress}: every host (name, IPv4, IPv6 in its many spellings, with a zone) and port
 * formats and parses back to itself; any other text is refused with an {@link IllegalArgumentException} quoting
 * it, in time linear in its length; whatever parses has a port in range and formats back to the same address.
 */
class ListenAddressPropertiesTest {

    record Address(String host, int port) {
    }

    /** An address with white space around it. */
    record Spaced(Address address, String lead, String trail) {
    }

    @Test
    void everyAddressFormatsAndParsesBack() {
        Properties.forAll("every address formats and parses back", Properties.TRIES,
                r -> new Spaced(address(r), spaces(r), spaces(r)), s -> {
                    String text = s.lead() + ListenAddress.format(s.address().host(), s.address().port()) + s.trail();
                    assertThat(ListenAddress.parse(text)).as(text)
                            .isEqualTo(new ListenAddress(s.address().host(), s.address().port()));
                });
    }

    @Test
    void portsOutOfRangeAreRefused() {
        Properties.forAll("ports out of range are refused", Properties.TRIES,
                r -> ListenAddress.format(address(r).host(), 0).replaceFirst("[0-9]+$",
                        Integer.toString(Gen.between(r, 65_536, Integer.MAX_VALUE))),
                text -> check(text, false));
    }

    @Test
    void anyTextIsAnAddressOrAnErrorQuotingIt() {
        Properties.forAll("any text is an address or an error quoting it", Properties.TRIES,
                ListenAddressPropertiesTest::addressLike, text -> check(text, true));
    }

    @Test
    void arbitraryUnicodeIsAnAddressOrAnError() {
        Properties.forAll("arbitrary Unicode is an address or an error", Properties.TRIES, r -> Gen.text(r, 200),
                text -> check(text, true));
    }

    @Test
    void arbitraryBytesAreAnAddressOrAnError() {
        Properties.forAll("arbitrary bytes are an address or an error", Properties.TRIES, r -> Gen.bytes(r, 200),
                bytes -> {
                    check(new String(bytes, StandardCharsets.UTF_8), true);
                    check(new String(bytes, StandardCharsets.ISO_8859_1), true);
                });
    }

    @Test
    void aCorruptedAddressIsAnAddressOrAnError() {
        Properties.forAll("a corrupted address is an address or an error", Properties.TRIES, r -> {
            Address a = address(r);
            String t = ListenAddress.format(a.host(), a.port());
            if (r.nextBoolean()) {
                return Gen.corrupt(r, t);
            }
            int i = r.nextInt(1001) % (t.length() + 1);
            return t.substring(0, i) + addressLike(r) + t.substring(i);
        }, text -> check(text, true));
    }

    /** Long inputs: were quadratic (see ListenAddressTest.longRunOfColonsIsRejectedInLinearTime). */
    @Test
    void longInputsAreRefusedQuickly() {
        record Run(int length, String tail) {
        }
        Properties.forAll("long inputs are refused quickly", Properties.TRIES,
                r -> new Run(Gen.between(r, 1_000, 30_000), addressLike(r)), run -> {
                    int length = run.length();
                    String tail = run.tail();
                    long start = System.nanoTime();
                    check(":".repeat(length) + tail, true);
                    check("[" + ":".repeat(length) + tail + "]:1", true);
                    check("a".repeat(length) + "-" + tail, true);
                    check("[" + "0:".repeat(length / 2) + "%" + "e".repeat(length) + tail, true);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                });
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

    static String hostName(SplittableRandom r) {
        String joined = String.join(".", Gen.list(r, 1, 4, l -> Gen.from(l, "abcxyzABZ0189_", 1, 12)));
        String inner = Gen.from(r, "abz09-", 0, 4);
        // inner dashes are fine; the first and last character may not be one
        return joined.length() > 1 ? joined.charAt(0) + inner + joined.substring(1) : joined;
    }

    static String ipv4(SplittableRandom r) {
        return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    static String ipv6(SplittableRandom r) {
        String address;
        if (r.nextBoolean()) {
            String h = Gen.hex(r, 16);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 32; i += 4) {
                s.append(i == 0 ? "" : ":").append(h, i, i + 4);
            }
            address = s.toString();
        } else {
            address = Gen.oneOf(r, "::", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:10.0.0.1", "FE80::A:b:C",
                    "1::");
        }
        return address + Gen.oneOf(r, "", "%eth0", "%1", "%en0.100", "%br-lan_2");
    }

    /** A host of any kind (none, a name, IPv4, IPv6 with or without a zone) and a port in range. */
    static Address address(SplittableRandom r) {
        String host = switch (r.nextInt(5)) {
            case 0 -> "";
            case 1 -> hostName(r);
            case 2 -> ipv4(r);
            case 3 -> ipv6(r);
            default -> Gen.oneOf(r, "localhost", "0.0.0.0");
        };
        int port = r.nextInt(10) == 0 ? Gen.oneOf(r, 0, 1, 65_534, 65_535) : r.nextInt(65_536);
        return new Address(host, port);
    }

    static String spaces(SplittableRandom r) {
        return Gen.oneOf(r, "", "", " ", "\t", "\n ", "\u2003");
    }

    /** Up to 10 tokens: the address forms' pieces, look-alikes, and any short text. */
    static String addressLike(SplittableRandom r) {
        return Gen.tokens(r, 10, t -> t.nextBoolean()
                ? Gen.oneOf(t, ":", "::", "[", "]", "%", ".", "-", "_", "0", "9400", "65535", "65536", "123456",
                        "localhost", "fe80", "ffff", "1.2.3.4", " ", "\t", "\u0000", "\u0661", "\uD800", "é",
                        "http://", "@", "/")
                : Gen.text(t, 3));
    }
}
