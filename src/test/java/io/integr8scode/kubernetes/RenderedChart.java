package io.integr8scode.kubernetes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The Helm chart under infra/helm rendered by helm itself (helm-java bundles it), as Kubernetes objects. */
final class RenderedChart {

    static final Path CHART = Path.of("infra", "helm", "integr8scode");
    static final String RELEASE = "i8s";
    static final String RELEASE_NAMESPACE = "integr8scode";
    // The Kubernetes minor version tier 2 runs; helm template assumes an ancient one otherwise.
    static final String KUBE_VERSION = "1.34.4";

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static RenderedChart render(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(RELEASE_NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        values.forEach(template::set);
        List<HasMetadata> objects = new KubernetesSerialization().unmarshal(template.call());
        return new RenderedChart(objects);
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
