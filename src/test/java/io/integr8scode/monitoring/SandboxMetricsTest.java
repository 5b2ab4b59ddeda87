package io.integr8scode.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A pod's start is read from its status; phases are bounded. */
class SandboxMetricsTest {

    @Test
    void measuresAPodsStartFromCreationToItsContainersStart() {
        Pod ended = pod("Succeeded").editStatus().addNewContainerStatus().withName("script").withNewState()
                .withNewTerminated().withStartedAt("2026-01-01T00:00:03Z").withExitCode(0).endTerminated()
                .endState().endContainerStatus().endStatus().build();

        assertThat(SandboxMetrics.startDelay(ended)).contains(Duration.ofSeconds(3));
    }

    @Test
    void hasNoStartForAPodWhoseContainerNeverStarted() {
        Pod pending = pod("Pending").editStatus().addNewContainerStatus().withName("script").withNewState()
                .withNewWaiting().withReason("ImagePullBackOff").endWaiting().endState().endContainerStatus().endStatus().build();

        assertThat(SandboxMetrics.startDelay(pending)).isEmpty();
        assertThat(SandboxMetrics.phaseOf(pending)).isEqualTo("Pending");
        assertThat(SandboxMetrics.phaseOf(new PodBuilder().build())).isEqualTo("Pending");
        assertThat(SandboxMetrics.phaseOf(pod("Evaporated").build())).isEqualTo("Unknown");
    }

    private static PodBuilder pod(String phase) {
        return new PodBuilder().withNewMetadata().withName("p").withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata()
                .withNewStatus().withPhase(phase).endStatus();
    }
}
