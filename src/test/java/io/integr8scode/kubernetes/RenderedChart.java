package io.integr8scode.kubernetes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import net.bytebuddy.agent.ByteBuddyAgent;

/** The Helm chart under infra/helm rendered by helm itself (helm-java bundles it), as Kubernetes objects. */
final class RenderedChart {

    static final Path CHART = Path.of("infra", "helm", "integr8scode");
    static final String RELEASE = "i8s";
    static final String RELEASE_NAMESPACE = "integr8scode";
    // The Kubernetes minor version tier 2 runs; helm template assumes an ancient one otherwise.
    static final String KUBE_VERSION = "1.34.4";

    static {
        // helm-java loads helm as a Go library, and the Go runtime takes over the signal the JVM's attach
        // mechanism uses. Mockito (inline mock maker) attaches an agent to this JVM on first use, so any later
        // Spring test in the same fork would fail: attach once, before helm is loaded.
        ByteBuddyAgent.install();
    }

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

    static LintResult lint() {
        return new Helm(CHART).lint().strict().call();
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
