package io.integr8scode.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Assumptions;

/**
 * Tier 2: a real kube-apiserver and etcd (fabric8 kube-api-test, offline) from the binaries that
 * {@code infra/k8s-test-binaries/build.sh} builds and caches. Without the binaries and without Go the tier is
 * skipped, loudly; with Go but without binaries it fails, because the build script should have run first.
 */
final class RealApiServer {

    static final String VERSION = "1.34.4";

    private final KubeAPIServer server;
    private final KubernetesClient admin;

    private RealApiServer(KubeAPIServer server) {
        this.server = server;
        this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
    }

    static RealApiServer startOrSkip() {
        Path cacheRoot = Path.of(System.getenv().getOrDefault("I8S_K8S_CACHE",
                System.getProperty("user.home") + "/.cache/integr8scode/k8s"));
        Path binaries = cacheRoot.resolve(VERSION + "-linux-amd64");
        if (!Files.isExecutable(binaries.resolve("kube-apiserver"))) {
            boolean goInstalled = Files.isExecutable(Path.of("/usr/local/go/bin/go"))
                    || Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "go")));
            String notice = "TIER 2 (real kube-apiserver) SKIPPED: no binaries in " + binaries;
            if (goInstalled) {
                throw new IllegalStateException(notice + "; Go is installed, run infra/k8s-test-binaries/build.sh");
            }
            System.err.println("#".repeat(100) + "\n## " + notice + " and Go is not installed\n" + "#".repeat(100));
            Assumptions.abort(notice + " and Go is not installed");
        }
        try {
            // kube-api-test expects <dir>/k8s/<version>-linux-amd64 and writes certificates into <dir>.
            Path testDir = Files.createTempDirectory("kube-api-test");
            Files.createSymbolicLink(testDir.resolve("k8s"), cacheRoot.toAbsolutePath());
            KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withTestDir(testDir.toString())
                    .withApiServerVersion(VERSION)
                    .withOfflineMode(true)
                    .withStartupTimeout(180_000)
                    .build());
            server.start();
            return new RealApiServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    KubernetesClient admin() {
        return admin;
    }

    /** A kubeconfig that authenticates with a bearer token (e.g. a service account's), for the application. */
    Path kubeconfigWithToken(String token) {
        Config adminConfig = admin.getConfiguration();
        try {
            Path file = Files.createTempFile("app-kubeconfig", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: test
                      cluster:
                        server: %s
                        insecure-skip-tls-verify: true
                    contexts:
                    - name: test
                      context: {cluster: test, user: app}
                    current-context: test
                    users:
                    - name: app
                      user:
                        token: %s
                    """.formatted(adminConfig.getMasterUrl(), token));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        admin.close();
        server.stop();
    }
}
