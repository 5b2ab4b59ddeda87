package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tier 3: the app itself in the cluster. The chart's Deployment (the app image built by infra/images/app.sh and
 * imported by cluster.sh, never pulled), Service, RBAC, JWT signing key Secret and executions namespace are
 * applied to the real single-node cluster; the test reaches the app only through the API server's service proxy
 * and runs a script through it, which the app runs in a pod it creates with its service account.
 *
 * <p>Runs on a cluster started as an app node ({@code I8S_CLUSTER_APP_NODE=on}): the app's pod needs more processes
 * than a sandbox node's podPidsLimit. Released into namespaces of its own, so that neither app settles the other's
 * pods should it share a cluster with {@link ClusterAppTest}. Two stand-ins, both the single-node cluster's and said here:
 * the embedded MongoDB and Artemis (the chart expects external ones; there is no image registry for them), and
 * the API server's address for the in-cluster {@code kubernetes} Service (no kube-proxy runs), opened in the node
 * guard to the app pod's address only.
 */
@Tag("slow")
@Tag("cluster")
class AppInClusterTest {

    static final String APP_IMAGE_VARIABLE = "I8S_CLUSTER_APP_IMAGE";
    private static final String NAMESPACE = "integr8scode-app";
    private static final String EXECUTIONS = "integr8scode-app-executions";
    private static final String SERVICE_PROXY = "api/v1/namespaces/" + NAMESPACE + "/services/"
            + RenderedChart.RELEASE + ":http/proxy";
    /** Image start, JVM and Spring start on a busy 2-core machine (the startup probe allows 10 minutes). */
    private static final Duration APP_START = Duration.ofMinutes(10);
    private static final Duration SCRIPT_RUN = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RealCluster cluster;
    private static List<String> apiServerOpening = List.of();

    @BeforeAll
    static void deployTheApp() {
        cluster = RealCluster.connectOrSkip();
        String image = System.getenv(APP_IMAGE_VARIABLE);
        assertThat(image).as("no app image in this cluster: run through I8S_CLUSTER_APP_NODE=on cluster.sh, after"
                + " building the jar (mvn -B package -DskipTests) and the image (infra/images/app.sh)").isNotBlank();
        KubernetesClient admin = cluster.admin();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).serverSideApply();
        PatchContext apply = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("integr8scode-tests").withForce(true).build();
        for (HasMetadata object : RenderedChart.render(NAMESPACE, values(image)).objects()) {
            admin.resource(object).patch(apply);
        }
        Pod pod = await().atMost(APP_START).ignoreExceptions().pollInterval(Duration.ofMillis(200))
                .until(AppInClusterTest::appPod, found -> found != null && found.getStatus().getPodIP() != null);
        openApiServerTo(pod.getStatus().getPodIP());
        await().atMost(APP_START).ignoreExceptions().pollInterval(Duration.ofSeconds(1)).until(() -> ready(appPod()));
        // Leadership needs the API server (the chart's lease RBAC): once the app holds its lease, its client has
        // made its first calls, which on a cold JVM on a busy machine took longer than a pod create may.
        await().atMost(APP_START).ignoreExceptions().pollInterval(Duration.ofSeconds(1)).until(() -> leaseHolder() != null);
    }

    @AfterAll
    static void removeTheApp() {
        if (cluster == null) {
            return;
        }
        if (!apiServerOpening.isEmpty()) {
            iptables("-D", apiServerOpening);
        }
        KubernetesClient admin = cluster.admin();
        admin.namespaces().withName(NAMESPACE).delete();
        admin.namespaces().withName(EXECUTIONS).delete();
        for (HasMetadata object : RenderedChart.render(NAMESPACE, values("integr8scode:unused")).objects()) {
            if (object.getMetadata().getNamespace() == null && !(object instanceof Namespace)) {
                admin.resource(object).delete();
            }
        }
    }

    @Test
    void theAppRunsFromItsImportedImageAsANonRootUserAndIsReady() throws Exception {
        Pod pod = appPod();
        Container app = pod.getSpec().getContainers().get(0);
        assertThat(app.getImage()).isEqualTo(System.getenv(APP_IMAGE_VARIABLE));
        assertThat(app.getImagePullPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(ready(pod)).isTrue();
        assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).as("restarts").isZero();

        // What the kernel says of the app's process, not only what the spec asked for.
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ExecWatch exec = cluster.admin().pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName())
                .inContainer("app").writingOutput(output)
                .exec("sh", "-c", "grep -E '^(Uid|Gid|CapEff):' /proc/1/status")) {
            assertThat(exec.exitCode().get(60, TimeUnit.SECONDS)).isZero();
        }
        assertThat(output.toString(StandardCharsets.UTF_8).replaceAll("[ \t]+", " "))
                .contains("Uid: 10001 10001 10001 10001", "Gid: 10001 10001 10001 10001", "CapEff: 0000000000000000");
    }

    @Test
    void holdsThePodCompletionLeaseThroughItsServiceAccount() {
        assertThat(leaseHolder()).isEqualTo(appPod().getMetadata().getName());
    }

    @Test
    void answersHealthUpThroughTheApiServersServiceProxy() {
        HttpResponse<String> health = throughTheProxy("GET", "/actuator/health", null);

        assertThat(health.code()).as(health.body()).isEqualTo(200);
        assertThat(json(health.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void runsASubmittedScriptInAnExecutionPodItCreatesWithItsServiceAccount() {
        HttpResponse<String> submitted = throughTheProxy("POST", "/api/v1/executions",
                "{\"script\": \"import os, socket\\nprint(socket.gethostname(), os.getuid())\"}");
        assertThat(submitted.code()).as(submitted.body()).isEqualTo(202);
        String id = json(submitted.body()).path("execution_id").asText();

        JsonNode execution = await().atMost(SCRIPT_RUN).ignoreExceptions().pollInterval(Duration.ofSeconds(1))
                .until(() -> json(throughTheProxy("GET", "/api/v1/executions/" + id, null).body()),
                        found -> List.of("completed", "failed", "timeout").contains(found.path("status").asText()));

        String podName = ExecutionPodNaming.podName(id);
        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        assertThat(execution.path("runner").asText()).isEqualTo("kubernetes");
        // A pod's host name is its name: the script ran in the pod the app created for it, as uid 65534.
        assertThat(execution.path("output").asText()).isEqualTo(podName + " 65534\n");
        // Only the app's service account may create pods there (the chart's RBAC); the node really ran it.
        assertThat(cluster.admin().v1().events().inNamespace(EXECUTIONS).list().getItems().stream()
                .filter(event -> podName.equals(event.getInvolvedObject().getName())).map(Event::getReason))
                .contains("Scheduled", "Started");
    }

    @Test
    void signsItsUsersTokensWithTheKeyFromTheChartsSecret() throws Exception {
        HttpResponse<String> registered = throughTheProxy("POST", "/api/v1/auth/register",
                "{\"username\": \"cluster-user\", \"password\": \"correct-Horse-9\"}");
        assertThat(registered.code()).as(registered.body()).isEqualTo(201);
        SignedJWT token = SignedJWT.parse(json(registered.body()).path("access_token").asText());

        RSAKey shared = new RSAKey.Builder(keyInTheSecret()).build();
        // Every replica reads the same Secret: any of them verifies this token, and names the key alike.
        assertThat(token.verify(new RSASSAVerifier(shared))).isTrue();
        assertThat(token.getHeader().getKeyID()).isEqualTo(shared.computeThumbprint().toString());
    }

    private static Map<String, Object> values(String image) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("image.repository", image.substring(0, image.lastIndexOf(':')));
        values.put("image.tag", image.substring(image.lastIndexOf(':') + 1));
        values.put("image.pullPolicy", "Never");
        values.put("replicaCount", 1);
        // The node's two cores, not the chart's one, and ten minutes to start instead of three: the machine running
        // the tests is shared and can be very busy (a start took 161 s, another over 180 s at a load of 30).
        values.put("resources.limits.cpu", 2);
        values.put("startupProbe.failureThreshold", 120);
        values.put("executions.namespace", EXECUTIONS);
        // Stand-ins of the single-node cluster (see the class comment).
        env(values, 0, "INTEGR8SCODE_MONGODB_URI", "");
        env(values, 1, "SPRING_ARTEMIS_MODE", "embedded");
        env(values, 2, "KUBERNETES_SERVICE_HOST", System.getenv("I8S_CLUSTER_NODE_IP"));
        env(values, 3, "KUBERNETES_SERVICE_PORT", "6443");
        return values;
    }

    private static void env(Map<String, Object> values, int index, String name, String value) {
        values.put("extraEnv[" + index + "].name", name);
        values.put("extraEnv[" + index + "].value", value);
    }

    private static Pod appPod() {
        return cluster.admin().pods().inNamespace(NAMESPACE).withLabel("app.kubernetes.io/name", "integr8scode")
                .list().getItems().stream().findFirst().orElse(null);
    }

    private static String leaseHolder() {
        return cluster.admin().resources(Lease.class).inNamespace(NAMESPACE).list().getItems().stream()
                .map(lease -> lease.getSpec().getHolderIdentity()).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static boolean ready(Pod pod) {
        return pod != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    /** The node guard drops every connection from a pod to the node; the app's pod alone may reach the API server. */
    private static void openApiServerTo(String podIp) {
        apiServerOpening = List.of("INPUT", "-s", podIp + "/32", "-d", System.getenv("I8S_CLUSTER_NODE_IP") + "/32",
                "-p", "tcp", "--dport", "6443", "-j", "ACCEPT");
        iptables("-I", apiServerOpening);
    }

    private static void iptables(String operation, List<String> rule) {
        List<String> command = new ArrayList<>(List.of("iptables", operation));
        command.addAll(rule);
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            assertThat(process.waitFor()).as("%s", command).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the app through the API server (admin credentials), as an operator without ingress would. */
    private static HttpResponse<String> throughTheProxy(String method, String path, String jsonBody) {
        KubernetesClient admin = cluster.admin();
        HttpClient http = admin.getHttpClient();
        HttpRequest.Builder request = http.newHttpRequestBuilder()
                .uri(admin.getConfiguration().getMasterUrl().replaceAll("/$", "") + "/" + SERVICE_PROXY + path);
        if (jsonBody != null) {
            request.method(method, "application/json", jsonBody);
        }
        try {
            return http.sendAsync(request.build(), String.class).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " through the service proxy failed", e);
        }
    }

    private static RSAPublicKey keyInTheSecret() throws IOException {
        Secret secret = cluster.admin().secrets().inNamespace(NAMESPACE)
                .withName(RenderedChart.RELEASE + "-jwt-signing-key").get();
        String pem = new String(Base64.getDecoder().decode(secret.getData().get("signing-key")),
                StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return (RSAPublicKey) new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPublic();
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }
}
