package io.integr8scode.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Per-run bundle directories under {@code <dataDir>/runs/<containerId>}: {@code config.json} plus a
 * {@code sandbox/} directory (bootstrap, script, stdin) that the container sees read-only. Warm sandboxes share one
 * {@code <dataDir>/warm-files/<digest of the bootstrap>/} directory instead, with the bootstrap alone: named by its
 * content, so two runners with different bootstraps (an upgrade, a test's broken one) never serve each other's.
 */
final class RunBundles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runsDir;
    private final Path warmFilesDir;
    private boolean warmFilesWritten;
    private final String bootstrapSource;

    RunBundles(Path dataDir) {
        this(dataDir, BootstrapProtocol.bootstrapSource());
    }

    RunBundles(Path dataDir, String bootstrapSource) {
        this.runsDir = dataDir.resolve("runs");
        this.warmFilesDir = dataDir.resolve("warm-files").resolve(digestOf(bootstrapSource));
        this.bootstrapSource = bootstrapSource;
    }

    /** Writes the sandbox files, then the config that {@code configFor} derives from their directory. */
    Path create(String containerId, SandboxJob job, Function<Path, Map<String, Object>> configFor)
            throws IOException {
        Path bundle = runsDir.resolve(containerId);
        Files.createDirectories(runsDir);
        Files.createDirectory(bundle);
        Files.setAttribute(bundle, "unix:mode", 0700);
        Path files = Files.createDirectory(bundle.resolve("sandbox"));
        Files.setAttribute(files, "unix:mode", 0755);
        writeReadable(files.resolve(OciBundleConfig.BOOTSTRAP_FILE), bootstrapSource);
        writeReadable(files.resolve(OciBundleConfig.SCRIPT_FILE), job.script());
        writeReadable(files.resolve(OciBundleConfig.STDIN_FILE), job.stdin());
        JSON.writeValue(bundle.resolve("config.json").toFile(), configFor.apply(files));
        return bundle;
    }

    /**
     * A warm sandbox's bundle: only its config. Its sandbox files (the bootstrap alone: the job comes on stdin) are
     * one directory that every warm sandbox mounts read-only, written once.
     */
    Path createWarm(String containerId, Function<Path, Map<String, Object>> configFor) throws IOException {
        Path shared = warmFiles();
        Path bundle = runsDir.resolve(containerId);
        Files.createDirectories(runsDir);
        Files.createDirectory(bundle);
        Files.setAttribute(bundle, "unix:mode", 0700);
        JSON.writeValue(bundle.resolve("config.json").toFile(), configFor.apply(shared));
        return bundle;
    }

    /** Written by the first warm sandbox of this process, so a data dir never serves an older bootstrap. */
    private synchronized Path warmFiles() throws IOException {
        if (!warmFilesWritten) {
            Files.createDirectories(warmFilesDir);
            Files.setAttribute(warmFilesDir, "unix:mode", 0755);
            Path bootstrap = warmFilesDir.resolve(OciBundleConfig.BOOTSTRAP_FILE);
            if (!Files.exists(bootstrap)) { // same name, same content: never rewritten under a starting sandbox
                writeReadable(bootstrap, bootstrapSource);
            }
            warmFilesWritten = true;
        }
        return warmFilesDir;
    }

    boolean delete(String containerId) {
        return FileTrees.deleteQuietly(runsDir.resolve(containerId));
    }

    /** Container ids that still have a bundle directory. */
    List<String> existing() throws IOException {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(runsDir)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static String digestOf(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void writeReadable(Path path, String content) throws IOException {
        Files.writeString(path, content, StandardCharsets.UTF_8);
        Files.setAttribute(path, "unix:mode", 0644);
    }
}
