package io.gpuagent.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Generators for {@link Properties}: hostile text as well as well-formed inputs, and ways to corrupt them. */
public final class Gen {

    /** Characters that break naive parsers: separators, quotes, escapes, controls, wide and odd code points. */
    private static final String NASTY = " \t\r\n\0\\\"'{}[](),=:;#/.-_%$*?|<>~`@!&+^\u00a0\u00e9\u0416\u2028\u202e\ufeff\ufffd";
    private static final String[] NASTY_STRINGS = {"", " ", "\n", "\r\n", "NaN", "+Inf", "-Inf", "1e309", "-0",
            "9223372036854775808", "-9223372036854775809", "0x", "\u0000", "\ud800", "\udfff", "%s%n", "${x}",
            "\u202e", "../../", "//", "::", "[::1]", "nvidia.com/gpu", "GPU-", "MIG-", "kubepods", "..", "~"};

    private Gen() {
    }

    public static int between(SplittableRandom r, int min, int maxInclusive) {
        return min + r.nextInt(maxInclusive - min + 1);
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
