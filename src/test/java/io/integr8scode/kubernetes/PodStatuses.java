package io.integr8scode.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

/** Pod statuses as a kubelet would report them; tests set them through the API because no kubelet runs. */
final class PodStatuses {

    private PodStatuses() {
    }

    static PodStatus running() {
        return new PodStatusBuilder().withPhase("Running")
                .withContainerStatuses(new ContainerStatusBuilder().withName("script")
                        .withNewState().withNewRunning().endRunning().endState().build())
                .build();
    }

    static PodStatus succeeded(int exitCode) {
        return terminated("Succeeded", exitCode, "Completed");
    }

    static PodStatus failed(int exitCode) {
        return terminated("Failed", exitCode, "Error");
    }

    static PodStatus oomKilled() {
        return terminated("Failed", 137, "OOMKilled");
    }

    static PodStatus deadlineExceeded() {
        return new PodStatusBuilder().withPhase("Failed").withReason("DeadlineExceeded")
                .withMessage("Pod was active on the node longer than the specified deadline").build();
    }

    static PodStatus evicted() {
        return new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                .withMessage("Pod ephemeral local storage usage exceeds the total limit of containers 64Mi.").build();
    }

    static PodStatus waiting(String reason, String message) {
        return new PodStatusBuilder().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName("script")
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                        .build())
                .build();
    }

    static PodStatus unschedulable() {
        return new PodStatusBuilder().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient memory.").endCondition()
                .build();
    }

    private static PodStatus terminated(String phase, int exitCode, String reason) {
        return new PodStatusBuilder().withPhase(phase)
                .withContainerStatuses(new ContainerStatusBuilder().withName("script")
                        .withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason).endTerminated()
                        .endState().build())
                .build();
    }
}
