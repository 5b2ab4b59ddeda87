package io.integr8scode.kubernetes;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.integr8scode.AppTestSupport;
import io.integr8scode.Integr8sCodeApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tier 3: the whole app with {@code runner: kubernetes} against the real single-node cluster (see
 * {@link RealCluster}) with the chart applied; scripts really run in pods. Every subclass shares one app.
 */
@Tag("slow")
@Tag("cluster")
// Named: this package also holds the tier-1 and tier-2 test configurations, so no search would find just one.
@SpringBootTest(classes = Integr8sCodeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ClusterAppTest extends AppTestSupport {

    static final String EXECUTIONS = TestSettings.NAMESPACE;
    /** Pod creation, scheduling, the sandbox start and the log, on a busy 2-core machine. */
    static final Duration POD_RUN = Duration.ofSeconds(90);
    private static final Path DATA_DIR = temporaryDirectory();
    static final int BROKER_PORT = freePort();

    private static RealCluster cluster;
    private static Path appKubeconfig;

    @BeforeAll
    static void installChart() {
        if (cluster == null) {
            cluster = RealCluster.connectOrSkip();
            cluster.installChart();
            appKubeconfig = cluster.appKubeconfig();
        }
    }

    @DynamicPropertySource
    static void runOnTheCluster(DynamicPropertyRegistry registry) {
        isolate(registry, DATA_DIR, BROKER_PORT);
        registry.add("integr8scode.runner", () -> "kubernetes");
        registry.add("integr8scode.kubernetes.kubeconfig", () -> appKubeconfig.toString());
        // One app, outside the cluster: no lease to share (the chart's leader election is tier 2's subject).
        registry.add("integr8scode.kubernetes.leader-election.enabled", () -> "false");
        registry.add("integr8scode.kubernetes.poll-interval", () -> "1s");
        registry.add("integr8scode.quota.submissions.capacity", () -> "100000");
        registry.add("integr8scode.quota.max-active-per-anonymous-client", () -> "1000");
        // Some scenarios need a pod alive for tens of seconds (deleted underneath, a listener to probe).
        registry.add("integr8scode.executions.anonymous-max-limits.timeout-seconds", () -> "60");
    }

    static KubernetesClient admin() {
        return cluster.admin();
    }

    static Pod pod(String executionId) {
        return admin().pods().inNamespace(EXECUTIONS).withName(ExecutionPodNaming.podName(executionId)).get();
    }

    static boolean podRunning(String executionId) {
        Pod pod = pod(executionId);
        return pod != null && "Running".equals(pod.getStatus().getPhase());
    }

    static void awaitPodGone(String executionId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pod(executionId) == null);
    }
}
