package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * What a script can reach and see from inside its execution pod, with the chart's default-deny NetworkPolicy
 * enforced by the cluster's network plugin (kube-network-policies). Every target is shown to be listening from
 * the node first, so "not connected" means the policy stopped the script, not that nothing was there.
 */
class PodIsolationTest extends ClusterAppTest {

    private static final String NODE_IP = System.getenv().getOrDefault("I8S_CLUSTER_NODE_IP", "10.222.0.1");
    private static final int API_SERVER = 6443;
    private static final int KUBELET = 10250;
    private static final int LISTENER_PORT = 8000;

    /** Tries each host:port for 3 seconds and prints one line per target: "host:port CONNECTED" or "... blocked". */
    private static final String PROBE = """
            import socket
            for target in %s:
                host, port = target.rsplit(':', 1)
                try:
                    socket.create_connection((host, int(port)), timeout=3).close()
                    print(target, 'CONNECTED')
                except OSError as error:
                    print(target, 'blocked', type(error).__name__)
            """;

    @Test
    void reachesNeitherTheAppNorTheApiServerNorTheKubeletNorTheNode() {
        List<String> targets = List.of(NODE_IP + ":" + port, NODE_IP + ":" + API_SERVER, NODE_IP + ":" + KUBELET);
        targets.forEach(PodIsolationTest::assertListeningFromTheNode);

        JsonNode execution = probe(targets);

        assertThat(execution.path("output").asText()).as("%s", execution)
                .doesNotContain("CONNECTED").contains(targets.stream().map(t -> t + " blocked").toArray(String[]::new));
    }

    @Test
    void reachesNoOtherExecutionPod() {
        String listener = submit(("{\"script\": \"import socket, time\\nserver = socket.create_server(('0.0.0.0', %d))"
                + "\\nprint('listening', flush=True)\\ntime.sleep(40)\", \"limits\": {\"timeout_seconds\": 50}}")
                .formatted(LISTENER_PORT));
        await().atMost(POD_RUN).until(() -> podRunning(listener));
        String listenerAddress = pod(listener).getStatus().getPodIP() + ":" + LISTENER_PORT;
        await().atMost(POD_RUN).untilAsserted(() -> assertListeningFromTheNode(listenerAddress));

        JsonNode execution = probe(List.of(listenerAddress, "1.1.1.1:443", "8.8.8.8:53"));

        assertThat(execution.path("output").asText()).as("%s", execution).doesNotContain("CONNECTED")
                .contains(listenerAddress + " blocked");
    }

    @Test
    void hasNoServiceAccountTokenAndTheSandboxesPrivileges() {
        JsonNode execution = awaitTerminal(submitScript("""
                import os
                wanted = ('Uid', 'Gid', 'Groups', 'CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp')
                for line in open('/proc/self/status'):
                    if line.split(':')[0] in wanted:
                        print(' '.join(line.split()))
                print('token', os.path.exists('/var/run/secrets/kubernetes.io/serviceaccount'))
                print('secrets in environment', [k for k in os.environ if any(w in k.upper() for w in ('TOKEN', 'SECRET', 'PASSWORD'))])
                print('KUBERNETES_SERVICE_HOST' in os.environ)
                for path in ('/x', '/usr/x', '/etc/passwd'):
                    try:
                        open(path, 'w').write('owned')
                        print(path, 'WRITTEN')
                    except OSError as error:
                        print(path, 'refused')
                """), POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        // No supplementary groups: the bootstrap clears them when it becomes the script's user (the container
        // runtime would list the pod's primary group). One difference from the local sandbox, Kubernetes' own: the
        // kubelet always announces the API server's service address in KUBERNETES_SERVICE_HOST (enableServiceLinks
        // only stops the namespace's own services); the connection is blocked all the same
        // (reachesNeitherTheAppNorTheApiServerNorTheKubeletNorTheNode).
        assertThat(execution.path("output").asText()).contains(
                "Uid: 65534 65534 65534 65534", "Gid: 65534 65534 65534 65534", "Groups:\n",
                "CapInh: 0000000000000000", "CapPrm: 0000000000000000", "CapEff: 0000000000000000",
                "CapBnd: 0000000000000000", "CapAmb: 0000000000000000", "NoNewPrivs: 1", "Seccomp: 2",
                "token False", "secrets in environment []", "/x refused", "/usr/x refused", "/etc/passwd refused");
    }

    @Test
    void passesTheSandboxImageChecksInAPod() throws IOException {
        // The same checks infra/sandbox-image/test.sh runs in a local sandbox, here as the submitted script.
        String checks = Files.readString(Path.of("infra", "sandbox-image", "sandbox_checks.py"))
                .replace("if __name__ == \"__main__\":", "import sys\nsys.argv = ['sandbox_checks.py', 'check']\nif True:");
        String id = submit(JSON.createObjectNode().put("script", checks)
                .set("limits", JSON.createObjectNode().put("timeout_seconds", 60)).toString());

        JsonNode execution = awaitTerminal(id, POD_RUN);

        assertThat(execution.path("output").asText()).as("%s", execution).contains("ALL CHECKS PASSED")
                .doesNotContain("FAIL ");
        assertThat(execution.path("status").asText()).isEqualTo("completed");
    }

    private JsonNode probe(List<String> targets) {
        String list = targets.stream().map(t -> "'" + t + "'").toList().toString();
        JsonNode execution = awaitTerminal(submit(JSON.createObjectNode().put("script", PROBE.formatted(list))
                .set("limits", JSON.createObjectNode().put("timeout_seconds", 30)).toString()), POD_RUN);
        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        return execution;
    }

    private static void assertListeningFromTheNode(String target) {
        int colon = target.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))), 3000);
        } catch (IOException e) {
            throw new AssertionError(target + " is not reachable from the node either, so the probe would prove nothing", e);
        }
    }
}
