package io.gpuagent.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Generators for {@link Properties}: hostile text as well as well-formed inputs, and ways to corrupt them. */
public final class Gen {

    /** Characters that break naive parsers: separators, quotes, escapes, controls, wide and odd code points. */
    private static final String NASTY = " \t\r\n\0\\\"'{}[](),=:;#/.-_%$*?|<>~`@!&+^\u00a0\u00e9\u0416\u2028\u202e\ufeff\ufffd";
    private static final String[] NASTY_STRINGS = {"", " ", "\n", "\r\n", "NaN", "+Inf", "-Inf", "1e309", "-0",
            "9223372036854775808", "-9223372036854775809", "0x", "\u0000", "\ud800", "\udfff", "%s%n", "${x}",
            "\u202e", "../../", "//", "::", "[::1]", "nvidia.com/gpu", "GPU-", "MIG-", "kubepods", "..", "~"};

    private Gen() {
    }

    /** Uniform in {@code min..maxInclusive} (any range, {@code Integer.MAX_VALUE} included). */
    public static int between(SplittableRandom r, int min, int maxInclusive) {
        return (int) r.nextLong(min, (long) maxInclusive + 1);
    }

    /**
     * A long in {@code min..maxInclusive} spread over magnitudes (small values as often as huge ones), and one
     * time in ten an edge: {@code min}, {@code maxInclusive} or a value next to them. Needs {@code min >= 0}.
     */
    public static long magnitude(SplittableRandom r, long min, long maxInclusive) {
        if (r.nextInt(10) == 0) {
            return oneOf(r, min, maxInclusive, Math.min(min + 1, maxInclusive), Math.max(maxInclusive - 1, min));
        }
        long span = maxInclusive - min;
        long bound = span >>> r.nextInt(64); // 0 to span, log-uniform
        return min + (bound == Long.MAX_VALUE ? r.nextLong() & Long.MAX_VALUE : r.nextLong(bound + 1));
    }

    /** Any double: special values (NaN, infinities, zeros, extremes, subnormals) often, any bit pattern, and plain ones. */
    public static double anyDouble(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> oneOf(r, 0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL);
            case 1 -> Double.longBitsToDouble(r.nextLong());
            case 2 -> (r.nextDouble() - 0.5) * Math.pow(10, between(r, -10, 20));
            default -> r.nextInt(-1000, 1001);
        };
    }

    /** {@code min} to {@code max} values drawn from {@code element}. */
    public static <T> List<T> list(SplittableRandom r, int min, int max, Function<SplittableRandom, T> element) {
        int n = between(r, min, max);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(r));
        }
        return out;
    }

    /** Up to {@code maxTokens} tokens joined: text made of a format's own pieces, far more often near-valid. */
    public static String tokens(SplittableRandom r, int maxTokens, Function<SplittableRandom, String> token) {
        return String.join("", list(r, 0, maxTokens, token));
    }

    /** {@code bytes} random bytes in lower-case hex. */
    public static String hex(SplittableRandom r, int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A random UUID in its 8-4-4-4-12 lower-case hex form. */
    public static String uuid(SplittableRandom r) {
        String h = hex(r, 16);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    /** Any char, lone surrogates included. */
    public static char anyChar(SplittableRandom r) {
        return (char) r.nextInt(0x10000);
    }

    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    public static <T> T oneOf(SplittableRandom r, List<T> choices) {
        return choices.get(r.nextInt(choices.size()));
    }

    /** Any text up to {@code maxLength} chars: a mix of ASCII, nasty characters, any code unit, and known-bad strings. */
    public static String text(SplittableRandom r, int maxLength) {
        if (r.nextInt(10) == 0) {
            return oneOf(r, NASTY_STRINGS);
        }
        int n = r.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(switch (r.nextInt(4)) {
                case 0 -> (char) between(r, 0x20, 0x7e);
                case 1 -> NASTY.charAt(r.nextInt(NASTY.length()));
                case 2 -> (char) r.nextInt(0x10000); // lone surrogates included
                default -> "abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36));
            });
        }
        return b.toString();
    }

    /** Text from a given alphabet only (e.g. hex digits), to get near the valid shapes. */
    public static String from(SplittableRandom r, String alphabet, int minLength, int maxLength) {
        int n = between(r, minLength, maxLength);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    public static byte[] bytes(SplittableRandom r, int maxLength) {
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        r.nextBytes(b);
        return b;
    }

    /** Random bytes read as UTF-8 (malformed sequences become U+FFFD, as a lenient decoder would give). */
    public static String decodedBytes(SplittableRandom r, int maxLength) {
        return new String(bytes(r, maxLength), r.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** {@code valid} with 1 to 4 random edits: delete, insert, replace, duplicate or swap a span, or cut it short. */
    public static String corrupt(SplittableRandom r, String valid) {
        StringBuilder b = new StringBuilder(valid);
        int edits = between(r, 1, 4);
        for (int e = 0; e < edits; e++) {
            int at = b.isEmpty() ? 0 : r.nextInt(b.length());
            int len = b.isEmpty() ? 0 : between(r, 0, Math.min(8, b.length() - at));
            switch (r.nextInt(6)) {
                case 0 -> b.delete(at, at + len);
                case 1 -> b.insert(at, text(r, 6));
                case 2 -> b.replace(at, at + len, text(r, 3));
                case 3 -> b.insert(at, b.substring(at, at + len));
                case 4 -> b.setLength(at);
                default -> {
                    if (b.length() >= 2) {
                        int j = r.nextInt(b.length());
                        char c = b.charAt(at);
                        b.setCharAt(at, b.charAt(j));
                        b.setCharAt(j, c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A printable, bounded rendering of an input for failure messages. */
    static String show(Object input) {
        String s = input instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(input);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 4000; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return "\"" + out + (s.length() > out.length() ? "\"... (" + s.length() + " chars)" : "\"");
    }
}
