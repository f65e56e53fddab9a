package io.gpuagent.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory directly under /tmp with a short name: a unix socket path must fit in 107 bytes,
 * which JUnit's {@code @TempDir} under a long build directory may not. Deleted with its contents on close.
 */
public final class ShortTempDir implements AutoCloseable {

    private final Path path;

    private ShortTempDir(Path path) {
        this.path = path;
    }

    public static ShortTempDir create() {
        try {
            return new ShortTempDir(Files.createTempDirectory(Path.of("/tmp"), "gak"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** {@code name} inside the directory, e.g. {@code kubelet.sock}. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
