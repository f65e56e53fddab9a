package io.gpuagent.it;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The build context the docker CLI would send for a directory: its files less those its .dockerignore
 * excludes, but the Dockerfile and .dockerignore themselves, which are always sent (the engine reads them,
 * and leaves them out of COPY where .dockerignore says so). docker-java, under Testcontainers' own
 * Dockerfile support, refuses a .dockerignore that names the Dockerfile, as the repository's does to keep
 * the build stage's cache across Dockerfile edits; this keeps Docker's meaning instead.
 */
final class DockerBuildContext {

    private DockerBuildContext() {
    }

    /** Path in the context (with '/') to the file on disk, for every file the context holds. */
    static Map<String, Path> of(Path dir) throws IOException {
        Path ignoreFile = dir.resolve(".dockerignore");
        List<PathMatcher> excludes = new ArrayList<>();
        if (Files.exists(ignoreFile)) {
            for (String line : Files.readAllLines(ignoreFile)) {
                String pattern = line.strip();
                if (pattern.isEmpty() || pattern.startsWith("#")) {
                    continue;
                }
                if (pattern.startsWith("!")) {
                    throw new IllegalArgumentException(".dockerignore exceptions (" + pattern + ") are not supported here");
                }
                pattern = pattern.replaceFirst("^/+", "").replaceFirst("/+$", "");
                excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
                // Docker's ** also matches no directory at all: **/target is target too
                if (pattern.startsWith("**/")) {
                    excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
                }
            }
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = dir.relativize(file);
                String name = relative.toString().replace('\\', '/');
                if (name.equals("Dockerfile") || name.equals(".dockerignore") || !excluded(relative, excludes)) {
                    out.put(name, file);
                }
            }
        }
        return out;
    }

    /** Excluded when a pattern matches the path or one of its parent directories, as in Docker. */
    static boolean excluded(Path relative, List<PathMatcher> excludes) {
        for (Path p = relative; p != null; p = p.getParent()) {
            for (PathMatcher m : excludes) {
                if (m.matches(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
