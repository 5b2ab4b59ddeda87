package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.integr8scode.monitoring.SandboxMetrics;
import io.integr8scode.sandbox.BootstrapProtocol;
import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.sandbox.ShippedSettings;
import java.util.Map;
import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Tier 1: the Kubernetes routes against the fabric8 mock API server, pod phases and logs driven by the test. */
@CamelSpringBootTest
// Closed after the class, so its watch and poll do not keep running under later test classes.
@DirtiesContext
@SpringBootTest(classes = KubernetesRoutesTest.App.class, properties = {
        "integr8scode.runner=kubernetes",
        "integr8scode.kubernetes.poll-interval=300ms",
        "integr8scode.kubernetes.leader-election.enabled=false",
        "integr8scode.kubernetes.api.timeout=3s",
        "integr8scode.kubernetes.api.retries=2",
        "integr8scode.kubernetes.api.backoff=20ms",
        "management.endpoint.health.group.readiness.include=readinessState",
        "camel.main.routes-include-pattern=classpath:routes/runners/kubernetes-*.yaml"})
class KubernetesRoutesTest {

    static final MockApiServer API = new MockApiServer();
    private static final String NS = TestSettings.NAMESPACE;
    /** The image pods run by default (application.yaml): the sandbox image. */
    private static final String IMAGE = TestSettings.defaults().image();
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private StandInExecutions executions;
    @Autowired
    private CamelContext camel;
    @Autowired
    private MeterRegistry registry;
    @Autowired
    private PodStopper podStopper;
    @Autowired
    @Qualifier("sandbox")
    private HealthIndicator sandboxHealth;
    private final KubernetesClient kube = API.client();

    @DynamicPropertySource
    static void pointAtMockServer(DynamicPropertyRegistry registry) {
        registry.add("integr8scode.kubernetes.kubeconfig", API::kubeconfig);
    }

    @AfterEach
    void resumeWatch() throws Exception {
        camel.getRouteController().startRoute("kubernetes-pod-watch");
        camel.getRouteController().startRoute("kubernetes-pod-poll");
    }

    @Test
    void successfulScriptCompletesAndItsPodIsDeleted() {
        Pod pod = run("ok-1");
        var container = pod.getSpec().getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getCommand()).containsExactly("python3", "-I", "-S", "-c",
                BootstrapProtocol.bootstrapSource());
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo(BootstrapProtocol.ENV_SCRIPT_B64);
            assertThat(env.getValue()).isEqualTo("cHJpbnQoJ2hpJyk=");
        });
        finish("ok-1", PodStatuses.succeeded(0), BootstrapFrames.exited(0, "hello"));

        var completion = awaitCompletion("ok-1");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(completion.result().output()).isEqualTo("hello");
        assertThat(completion.result().exitCode()).isZero();
        awaitPodGone("ok-1");
    }

    @Test
    void countsPodsByPhaseAndTimesTheirStart() {
        Pod pod = run("metered-1");
        await().atMost(SETTLE).until(() -> registry.get("integr8scode.pods").tag("phase", "Pending").gauge().value() >= 1);

        Instant containerStarted = Instant.parse(pod.getMetadata().getCreationTimestamp()).plusSeconds(2);
        PodStatus succeeded = new PodStatusBuilder(PodStatuses.succeeded(0)).editContainerStatus(0).editState()
                .editTerminated().withStartedAt(containerStarted.toString()).endTerminated().endState().endContainerStatus().build();
        finish("metered-1", succeeded, BootstrapFrames.exited(0, "hello"));
        awaitCompletion("metered-1");

        Timer podStart = registry.get("integr8scode.pod.start").timer();
        assertThat(podStart.count()).isGreaterThanOrEqualTo(1);
        assertThat(podStart.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void readinessReportsTheApiServerReachable() {
        assertThat(sandboxHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(sandboxHealth.health().getDetails()).containsEntry("runner", "kubernetes");
    }

    @Test
    void nonZeroExitFails() {
        run("exit-3");
        finish("exit-3", PodStatuses.failed(3), BootstrapFrames.exited(3, "partial"));

        var completion = awaitCompletion("exit-3");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(completion.result().exitCode()).isEqualTo(3);
        awaitPodGone("exit-3");
    }

    @Test
    void oomKilledPodFailsWithReason() {
        run("oom-1");
        finish("oom-1", PodStatuses.oomKilled(), "");

        var completion = awaitCompletion("oom-1");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(completion.result().failureReason()).isEqualTo("memory limit exceeded (128 MB)");
        awaitPodGone("oom-1");
    }

    @Test
    void exceededDeadlineTimesOut() {
        run("deadline-1");
        finish("deadline-1", PodStatuses.deadlineExceeded(), "");

        var completion = awaitCompletion("deadline-1");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(completion.result().failureReason())
                .isEqualTo("the pod exceeded its deadline (activeDeadlineSeconds)");
        awaitPodGone("deadline-1");
    }

    @Test
    void imagePullBackOffFailsAndRemovesThePod() {
        run("pull-1");
        setStatus("pull-1", PodStatuses.waiting("ImagePullBackOff", "Back-off pulling image \"" + IMAGE + "\""));

        var completion = awaitCompletion("pull-1");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(completion.result().failureReason()).isEqualTo(
                "the container could not start: ImagePullBackOff (Back-off pulling image \"" + IMAGE + "\")");
        awaitPodGone("pull-1");
    }

    @Test
    void podDeletedUnderneathFailsTheExecution() {
        run("gone-1");
        setStatus("gone-1", PodStatuses.running());
        kube.pods().inNamespace(NS).withName("exec-gone-1").delete();

        var completion = awaitCompletion("gone-1");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(completion.result().failureReason()).isEqualTo("the pod was deleted before the script finished");
    }

    @Test
    void unreadableLogFailsWithReasonAndStillRemovesThePod() {
        run("log-500");
        API.server().expect().get().withPath(logPath("log-500")).andReturn(500, "etcd unhappy").always();
        setStatus("log-500", PodStatuses.succeeded(0));

        var completion = awaitCompletion("log-500");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(completion.result().failureReason()).isEqualTo("the pod's log could not be read (HTTP 500)");
        awaitPodGone("log-500");
    }

    @Test
    void redeliveryAdoptsTheExistingPod() {
        run("redelivered-1");
        producer.sendBody("direct:run-kubernetes", TestSettings.job("redelivered-1"));

        assertThat(kube.pods().inNamespace(NS).withLabel(ExecutionPodNaming.EXECUTION_ID_LABEL, "redelivered-1")
                .list().getItems()).hasSize(1);
        assertThat(executions.completionsOf("redelivered-1")).as("409 is not a failure").isEmpty();
        finish("redelivered-1", PodStatuses.succeeded(0), BootstrapFrames.exited(0, "once"));
        assertThat(awaitCompletion("redelivered-1").result().outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void pollAloneSettlesAFinishedPod() throws Exception {
        camel.getRouteController().stopRoute("kubernetes-pod-watch");
        run("poll-only");
        finish("poll-only", PodStatuses.succeeded(0), BootstrapFrames.exited(0, "polled"));

        assertThat(awaitCompletion("poll-only").result().output()).isEqualTo("polled");
        awaitPodGone("poll-only");
    }

    @Test
    void watchAloneSettlesAFinishedPod() throws Exception {
        camel.getRouteController().stopRoute("kubernetes-pod-poll");
        run("watch-only");
        finish("watch-only", PodStatuses.succeeded(0), BootstrapFrames.exited(0, "watched"));

        assertThat(awaitCompletion("watch-only").result().output()).isEqualTo("watched");
        awaitPodGone("watch-only");
    }

    @Test
    void watchAndPollTogetherCompleteOnce() throws InterruptedException {
        run("both-1");
        finish("both-1", PodStatuses.succeeded(0), BootstrapFrames.exited(0, "one"));
        awaitCompletion("both-1");
        Thread.sleep(1_000); // several poll periods and any late watch event

        assertThat(executions.completionsOf("both-1")).hasSize(1);
    }

    @Test
    void podsOfFinishedOrUnknownExecutionsAreDeleted() {
        run("late-1");
        executions.finished("late-1");
        kube.pods().inNamespace(NS).resource(strayPod("nobody-knows")).create();

        awaitPodGone("late-1");
        awaitPodGone("nobody-knows");
        assertThat(executions.completionsOf("late-1")).isEmpty();
    }

    @Test
    void aStopLowersThePodsDeadlineAndTheOutputUntilThenIsCollected() {
        run("stop-1");

        producer.sendBodyAndHeader("direct:stop-kubernetes", null, "executionId", "stop-1");

        Pod stopping = kube.pods().inNamespace(NS).withName("exec-stop-1").get();
        assertThat(stopping.getSpec().getActiveDeadlineSeconds()).as("the pod has not started: the lowest deadline").isEqualTo(1L);
        // The kubelet's part: the deadline passed, SIGTERM, and the bootstrap's frame with the output so far.
        finish("stop-1", PodStatuses.deadlineExceeded(), BootstrapFrames.killed("before the stop\n"));
        var completion = awaitCompletion("stop-1");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(completion.result().output()).isEqualTo("before the stop\n");
        assertThat(completion.result().exitCode()).isEqualTo(137);
        awaitPodGone("stop-1");
    }

    @Test
    void aStopAskedForBeforeThePodExistedIsAppliedWhenItIsCreated() {
        executions.stopRequested("stop-early-1");

        Pod pod = run("stop-early-1");

        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(1L);
    }

    @Test
    void aStopForAPodThatDoesNotExistIsNoError() {
        assertThat(podStopper.stop("never-made")).isEqualTo("absent");
        assertThat(kube.pods().inNamespace(NS).withName("exec-never-made").get()).isNull();
    }

    @Test
    void createRefusedByTheApiFailsTheExecution() {
        API.server().expect().post().withPath("/api/v1/namespaces/" + NS + "/pods").andReturn(500, "down").times(3);
        executions.running("refused-1");
        producer.sendBody("direct:run-kubernetes", TestSettings.job("refused-1"));

        var completion = awaitCompletion("refused-1");
        assertThat(completion.result().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(completion.result().failureReason())
                .startsWith("the Kubernetes API did not accept the execution pod (HTTP 500): ");
        assertThat(kube.pods().inNamespace(NS).withName("exec-refused-1").get()).isNull();
    }

    private Pod run(String executionId) {
        executions.running(executionId);
        SandboxJob job = TestSettings.job(executionId);
        producer.sendBody("direct:run-kubernetes", job);
        Pod pod = kube.pods().inNamespace(NS).withName("exec-" + executionId).get();
        assertThat(pod).as("pod of " + executionId).isNotNull();
        return pod;
    }

    private void finish(String executionId, PodStatus status, String log) {
        API.server().expect().get().withPath(logPath(executionId)).andReturn(200, log).always();
        setStatus(executionId, status);
    }

    private void setStatus(String executionId, PodStatus status) {
        kube.pods().inNamespace(NS).withName("exec-" + executionId)
                .editStatus(pod -> new PodBuilder(pod).withStatus(status).build());
    }

    private static String logPath(String executionId) {
        return "/api/v1/namespaces/" + NS + "/pods/exec-" + executionId
                + "/log?pretty=false&container=script&limitBytes=" + BootstrapProtocol.maxStdoutBytes(1024 * 1024,
                ShippedSettings.sandbox(Map.of()).artifactLimits());
    }

    private StandInExecutions.Completion awaitCompletion(String executionId) {
        await().atMost(SETTLE).until(() -> !executions.completionsOf(executionId).isEmpty());
        List<StandInExecutions.Completion> completions = executions.completionsOf(executionId);
        assertThat(completions).hasSize(1);
        return completions.get(0);
    }

    private void awaitPodGone(String executionId) {
        await().atMost(SETTLE).until(() -> kube.pods().inNamespace(NS).withName("exec-" + executionId).get() == null);
    }

    private static Pod strayPod(String executionId) {
        return new PodBuilder().withNewMetadata().withName("exec-" + executionId)
                .withLabels(ExecutionPodNaming.labels(executionId)).endMetadata()
                .withNewSpec().addNewContainer().withName("script").withImage(IMAGE).endContainer()
                .endSpec().build();
    }

    /** The runner alone with the pipeline stand-ins; nested in a test class, so no component scan picks it up. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration",
            "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration"})
    @Import({KubernetesRunnerConfiguration.class, SandboxMetrics.class})
    static class App {
        @Bean
        StandInExecutions standInExecutions() {
            return new StandInExecutions();
        }
    }
}
