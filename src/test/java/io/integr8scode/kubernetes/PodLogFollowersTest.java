package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.integr8scode.sandbox.BootstrapProtocol;
import io.integr8scode.sandbox.OutputChunk;
import io.integr8scode.sandbox.OutputObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tier 1: following a running pod's log for live output, against the fabric8 mock API server. */
class PodLogFollowersTest {

    private static final String NS = TestSettings.NAMESPACE;
    private final MockApiServer api = new MockApiServer();
    private final KubernetesClient kube = api.client();
    private final List<String> observedFor = new CopyOnWriteArrayList<>();
    private final List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
    private final PodLogFollowers followers = new PodLogFollowers(kube, executionId -> {
        observedFor.add(executionId);
        return chunks::add;
    }, 1024, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        followers.close();
        kube.close();
        api.server().destroy();
    }

    private Pod pod(String executionId, boolean running) {
        Pod pod = new PodBuilder().withNewMetadata().withName(ExecutionPodNaming.podName(executionId)).withNamespace(NS)
                .withUid("uid-" + executionId).withLabels(ExecutionPodNaming.labels(executionId)).endMetadata()
                .withNewSpec().withActiveDeadlineSeconds(30L).addNewContainer().withName("script").withImage("python")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("script").withNewState()
                .withRunning(running ? new io.fabric8.kubernetes.api.model.ContainerStateRunning() : null)
                .endState().endContainerStatus().endStatus().build();
        return kube.resource(pod).create();
    }

    private static String liveLine(String stream, long sequence, String text) {
        return BootstrapProtocol.OUTPUT_MARKER + stream + " " + sequence + " "
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    @Test
    void passesARunningPodsLiveOutputToItsExecutionOnce() {
        Pod pod = pod("abc", true);
        api.server().expect().get()
                .withPath("/api/v1/namespaces/" + NS + "/pods/" + pod.getMetadata().getName()
                        + "/log?pretty=false&container=script&follow=true")
                .andReturn(200, liveLine("stdout", 0, "hello\n") + liveLine("stderr", 1, "oops\n")
                        + "\n" + BootstrapProtocol.RESULT_MARKER + "{\"v\":1}\n")
                .always();

        followers.follow(pod, "MODIFIED");
        followers.follow(pod, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> chunks.size() == 2 && followers.following() == 0);
        assertThat(chunks).containsExactly(new OutputChunk("stdout", 0, "hello\n"),
                new OutputChunk("stderr", 1, "oops\n"));
        assertThat(observedFor).containsExactly("abc");
    }

    @Test
    void leavesAPodAloneUntilItsScriptRuns() {
        followers.follow(pod("waiting", false), "ADDED");

        assertThat(observedFor).isEmpty();
        assertThat(followers.following()).isZero();
    }

    @Test
    void followsNothingWhenNobodyListens() {
        PodLogFollowers unheard = new PodLogFollowers(kube, executionId -> OutputObserver.NONE, 1024,
                Duration.ofSeconds(5));

        unheard.follow(pod("unheard", true), "MODIFIED");

        assertThat(unheard.following()).isZero();
        unheard.close();
    }
}
