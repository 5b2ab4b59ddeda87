package io.integr8scode.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the repository's sandbox image definition says, asked of {@code infra/sandbox-image/build.sh} itself (tests
 * run in the repository's root). Tests never build the image: {@code infra/test.sh} and {@code infra/run.sh} do,
 * and the shipped settings point at its cached build.
 */
public final class SandboxImageBuild {

    static final Path BUILD_SCRIPT = Path.of("infra", "sandbox-image", "build.sh");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxImageBuild() {
    }

    /** {@code build.sh --print-dir}: the cache folder of this definition's image. */
    public static Path printDir() {
        return Path.of(ask("--print-dir"));
    }

    /** {@code build.sh --print-image}: {@code integr8scode-sandbox:<tag>}. */
    public static String printImage() {
        return ask("--print-image");
    }

    /** The manifest.json the shipped settings point at. */
    public static JsonNode manifest() {
        Path manifest = ShippedSettings.sandbox(Map.of()).manifest();
        try {
            return JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("no sandbox image manifest at " + manifest
                    + " (build the image: infra/sandbox-image/build.sh)", e);
        }
    }

    private static String ask(String option) {
        try {
            Process process = new ProcessBuilder("bash", BUILD_SCRIPT.toString(), option).redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(BUILD_SCRIPT + " " + option + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
