package io.integr8scode.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

/** Maps a pod's observed state to a {@link PodVerdict}; pure, so every failure mapping is unit-testable. */
final class PodStateClassifier {

    // Waiting reasons the kubelet will not recover from by itself (ErrImagePull is retried, its back-off is not).
    private static final Set<String> CANNOT_START = Set.of("ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private final Duration unschedulableWait;
    private final Duration deadlineSlack;

    PodStateClassifier(Duration unschedulableWait, Duration deadlineSlack) {
        this.unschedulableWait = unschedulableWait;
        this.deadlineSlack = deadlineSlack;
    }

    PodVerdict classify(Pod pod, Instant now, boolean deleted) {
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String phase = status.getPhase() == null ? "Pending" : status.getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return ended(status, deleted);
        }
        if (deleted) {
            return PodVerdict.failed("the pod was deleted before the script finished", true);
        }
        Optional<ContainerStateWaiting> stuck = containerStatuses(status).stream()
                .map(cs -> cs.getState() == null ? null : cs.getState().getWaiting())
                .filter(w -> w != null && CANNOT_START.contains(w.getReason()))
                .findFirst();
        if (stuck.isPresent()) {
            return PodVerdict.failed("the container could not start: " + stuck.get().getReason()
                    + describe(stuck.get().getMessage()), false);
        }
        Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
        Optional<PodCondition> unschedulable = unschedulable(status);
        if (unschedulable.isPresent() && now.isAfter(created.plus(unschedulableWait))) {
            return PodVerdict.failed("the pod could not be scheduled within " + unschedulableWait.toSeconds() + "s"
                    + describe(unschedulable.get().getMessage()), false);
        }
        // activeDeadlineSeconds counts from the kubelet's start; this catches pods it never enforced it on.
        Instant started = status.getStartTime() == null ? created : Instant.parse(status.getStartTime());
        Long deadline = pod.getSpec() == null ? null : pod.getSpec().getActiveDeadlineSeconds();
        if (deadline != null && now.isAfter(started.plusSeconds(deadline).plus(deadlineSlack))) {
            return PodVerdict.timedOut("the pod was still " + phase.toLowerCase() + " past its deadline of "
                    + deadline + "s");
        }
        return PodVerdict.WAIT;
    }

    private static PodVerdict ended(PodStatus status, boolean deleted) {
        if ("DeadlineExceeded".equals(status.getReason())) {
            return PodVerdict.stoppedAtDeadline("the pod exceeded its deadline (activeDeadlineSeconds)", deleted);
        }
        if ("Evicted".equals(status.getReason())) {
            return PodVerdict.failed("the pod was evicted" + describe(status.getMessage()), deleted);
        }
        // An OOM kill is collected too: the bootstrap may have reported it, else the result says memory limit.
        return PodVerdict.collect(deleted);
    }

    static boolean oomKilled(PodStatus status) {
        return status != null && containerStatuses(status).stream()
                .map(cs -> cs.getState() == null ? null : cs.getState().getTerminated())
                .anyMatch(t -> t != null && "OOMKilled".equals(t.getReason()));
    }

    private static Optional<PodCondition> unschedulable(PodStatus status) {
        List<PodCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        return conditions.stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason()))
                .findFirst();
    }

    private static List<ContainerStatus> containerStatuses(PodStatus status) {
        return status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
    }

    private static String describe(String message) {
        return message == null || message.isBlank() ? "" : " (" + message.strip() + ")";
    }
}
