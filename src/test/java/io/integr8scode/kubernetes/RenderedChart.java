package io.integr8scode.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Helm chart under infra/helm rendered by helm itself (helm-java bundles it, run in a child JVM by
 * {@link HelmChartTool}), as Kubernetes objects.
 */
final class RenderedChart {

    static final Path CHART = Path.of("infra", "helm", "integr8scode");
    static final String RELEASE = "i8s";
    static final String RELEASE_NAMESPACE = "integr8scode";
    // The Kubernetes version tier 2 runs; helm template assumes an ancient one otherwise.
    static final String KUBE_VERSION = "1.34.4";

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static RenderedChart render(Map<String, Object> values) {
        return render(RELEASE_NAMESPACE, values);
    }

    /** The chart released into another namespace (a test that must not share the default release's). */
    static RenderedChart render(String releaseNamespace, Map<String, Object> values) {
        List<String> args = new ArrayList<>(List.of("template", CHART.toString(), RELEASE, releaseNamespace,
                KUBE_VERSION));
        values.forEach((key, value) -> args.add(key + "=" + value));
        HelmRun run = helm(args);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("helm template failed:\n" + run.output());
        }
        return new RenderedChart(new KubernetesSerialization().unmarshal(run.output()));
    }

    static HelmRun lint() {
        return helm(List.of("lint", CHART.toString()));
    }

    record HelmRun(int exitCode, String output) {
    }

    private static HelmRun helm(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), HelmChartTool.class.getName()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("helm did not finish within 120s");
            }
            return new HelmRun(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> T one(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(kind.getSimpleName() + " " + name + " not rendered"));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }
}
