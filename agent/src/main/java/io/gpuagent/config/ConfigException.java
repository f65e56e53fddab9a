package io.gpuagent.config;

import io.gpuagent.problem.OneLine;
import java.util.Objects;

/**
 * A setting could not be resolved: the agent must not start. {@link #getMessage()} is one line
 * that begins with the setting's flag (or the offending argument), ready for
 * {@code gpu-agent: <message>} on stderr followed by exit status 2.
 *
 * <p>Checked on purpose: every caller of the loader has to decide what "not configured" means
 * for it, rather than an unchecked exception surfacing as a stack trace.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the flag the problem belongs to ({@code --collect-interval}), or the
     *     command-line argument that was not understood
     * @param detail what is wrong, without the setting prefix; line breaks are flattened
     */
    public ConfigException(String setting, String detail) {
        this(setting, detail, null);
    }

    public ConfigException(String setting, String detail, Throwable cause) {
        super(Objects.requireNonNull(setting) + ": " + OneLine.of(detail), cause); // the contract: one line on stderr
        this.setting = setting;
    }

    /** The flag the problem belongs to, e.g. {@code --listen}, or the unexpected argument. */
    public String setting() {
        return setting;
    }
}
