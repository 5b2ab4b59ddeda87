package io.integr8scode.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Assumptions;

/**
 * Tier 3: the single-node cluster that {@code infra/k8s-cluster/cluster.sh run} starts (etcd, API server,
 * scheduler, controller-manager, kubelet, containerd, bridge CNI, kube-network-policies) inside its own network
 * namespace, where it also runs this JVM. The script exports the admin kubeconfig as
 * {@code I8S_CLUSTER_KUBECONFIG}; without it the tier is skipped, loudly.
 */
final class RealCluster {

    static final String KUBECONFIG_VARIABLE = "I8S_CLUSTER_KUBECONFIG";

    private final Path adminKubeconfig;
    private final KubernetesClient admin;

    private RealCluster(Path adminKubeconfig) {
        this.adminKubeconfig = adminKubeconfig;
        this.admin = new KubernetesClientBuilder().withConfig(config(adminKubeconfig)).build();
    }

    static RealCluster connectOrSkip() {
        String kubeconfig = System.getenv(KUBECONFIG_VARIABLE);
        if (kubeconfig == null || kubeconfig.isBlank()) {
            String notice = "TIER 3 (real pods on a single-node cluster) SKIPPED: " + KUBECONFIG_VARIABLE
                    + " is not set; run through infra/k8s-cluster/cluster.sh run";
            System.err.println("#".repeat(100) + "\n## " + notice + "\n" + "#".repeat(100));
            Assumptions.abort(notice);
        }
        return new RealCluster(Path.of(kubeconfig));
    }

    KubernetesClient admin() {
        return admin;
    }

    /**
     * Applies the chart as an operator would (server-side apply, so a second test class finds it in place):
     * the release namespace, RBAC, the executions namespace with its NetworkPolicy, quota and limit range.
     * The app's Deployment is left out: the app runs beside the test, not as an image in the cluster.
     */
    void installChart() {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(RenderedChart.RELEASE_NAMESPACE).endMetadata().build()).serverSideApply();
        List<HasMetadata> objects = RenderedChart.render(Map.of()).objects().stream()
                .filter(object -> !(object instanceof Deployment)).toList();
        PatchContext apply = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("integr8scode-tests").withForce(true).build();
        for (HasMetadata object : objects) {
            admin.resource(object).patch(apply);
        }
    }

    /** A kubeconfig for the app that authenticates as the chart's service account, like the deployed app. */
    Path appKubeconfig() {
        String token = admin.serviceAccounts().inNamespace(RenderedChart.RELEASE_NAMESPACE)
                .withName(RenderedChart.RELEASE)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(7200L).endSpec().build())
                .getStatus().getToken();
        Config adminConfig = admin.getConfiguration();
        try {
            Path file = Files.createTempFile("app-kubeconfig", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: i8s
                      cluster:
                        server: %s
                        certificate-authority: %s
                    users:
                    - name: app
                      user:
                        token: %s
                    contexts:
                    - name: i8s
                      context: {cluster: i8s, user: app}
                    current-context: i8s
                    """.formatted(adminConfig.getMasterUrl(), adminConfig.getCaCertFile(), token));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Config config(Path kubeconfig) {
        try {
            return Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
