package io.gpuagent.problem;

/**
 * Messages from libraries (YAML, regex, TLS, HTTP clients) can span lines and run long; logs, {@code /readyz}
 * and the contract's stderr errors want one line. The one place that folds them.
 */
public final class OneLine {

    /** Longest message {@link #shortened} keeps. */
    public static final int MAX_LENGTH = 200;

    private OneLine() {
    }

    /** {@code s} with every line break (and the blanks around it) folded to one space, stripped; "" for null. */
    public static String of(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /**
     * As {@link #of}, with every run of white space and control characters folded to one space (text from peers
     * we do not control goes to the log), and cut to {@link #MAX_LENGTH} with an ellipsis.
     */
    public static String shortened(String s) {
        String line = s == null ? "" : s.replaceAll("[\\s\\p{javaISOControl}\\u2028\\u2029]+", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }
}
