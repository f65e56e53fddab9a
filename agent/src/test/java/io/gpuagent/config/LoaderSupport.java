package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Shared helpers: the loader with a fixed host name, and its outcomes unwrapped. */
final class LoaderSupport {

    static final String HOST = "test-host";
    static final Supplier<Optional<String>> FIXED_HOST = () -> Optional.of(HOST);

    private LoaderSupport() {
    }

    static AgentConfig load(Map<String, String> env, List<String> args) throws ConfigException {
        LoadResult result = ConfigLoader.load(args.toArray(String[]::new), env, FIXED_HOST);
        assertThat(result).isInstanceOf(LoadResult.Run.class);
        return ((LoadResult.Run) result).config();
    }

    static AgentConfig load(String... args) throws ConfigException {
        return load(Map.of(), List.of(args));
    }

    /** The error the loader must raise; also checks it is one line that starts with its setting. */
    static ConfigException error(Map<String, String> env, List<String> args) {
        try {
            LoadResult result = ConfigLoader.load(args.toArray(String[]::new), env, FIXED_HOST);
            return fail("expected a ConfigException for %s %s, got %s", args, env, result);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(e.setting() + ": ");
            return e;
        }
    }

    static ConfigException error(String... args) {
        return error(Map.of(), List.of(args));
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
