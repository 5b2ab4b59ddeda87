package io.integr8scode.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * The fabric8 mock API server in CRUD mode (with expectations for what CRUD cannot serve, such as logs), plus a
 * kubeconfig file that points the application at it the way a real deployment would be pointed at a cluster.
 */
final class MockApiServer {

    private final KubernetesMockServer server;
    private final Path kubeconfig;

    MockApiServer() {
        // Expectations and the CRUD store share one response map: expectations answer first.
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        try {
            kubeconfig = Files.createTempFile("mock-kubeconfig", ".yaml");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster:
                        server: http://localhost:%d
                    contexts:
                    - name: mock
                      context:
                        cluster: mock
                        user: tester
                    current-context: mock
                    users:
                    - name: tester
                      user: {}
                    """.formatted(server.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    KubernetesMockServer server() {
        return server;
    }

    String kubeconfig() {
        return kubeconfig.toString();
    }

    KubernetesClient client() {
        return server.createClient();
    }
}
