package io.gpuagent.config;

/**
 * What the command line asked for. {@code Main} switches over it:
 * <pre>{@code
 * switch (ConfigLoader.load(args, System.getenv())) {
 *     case LoadResult.Run(AgentConfig config) -> start(config);
 *     case LoadResult.Help(String text) -> System.out.print(text);      // exit 0
 *     case LoadResult.Version(String text) -> System.out.print(text);   // exit 0
 * }
 * }</pre>
 * Errors are not a case here: they are a {@link ConfigException} (exit 2), so a caller cannot
 * forget to handle them and start half-configured.
 */
public sealed interface LoadResult {

    /** Every setting resolved and valid: start the agent. */
    record Run(AgentConfig config) implements LoadResult {
    }

    /** {@code --help}/{@code -h}: print {@code text} (ends with a newline) to stdout, exit 0. */
    record Help(String text) implements LoadResult {
    }

    /** {@code --version}/{@code -V}: print {@code text} ({@code gpu-agent <version>\n}), exit 0. */
    record Version(String text) implements LoadResult {
    }
}
