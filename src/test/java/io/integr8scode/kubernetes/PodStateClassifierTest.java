package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;

class PodStateClassifierTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T10:00:00Z");
    private final PodStateClassifier classifier = new PodStateClassifier(Duration.ofSeconds(120), Duration.ofSeconds(30));

    @Test
    void finishedPodsAreCollectedFromTheirLog() {
        assertThat(classify(PodStatuses.succeeded(0), CREATED.plusSeconds(5), false).action())
                .isEqualTo(PodVerdict.Action.COLLECT);
        assertThat(classify(PodStatuses.failed(3), CREATED.plusSeconds(5), false).action())
                .isEqualTo(PodVerdict.Action.COLLECT);
    }

    @Test
    void runningAndFreshPendingPodsAreLeftAlone() {
        assertThat(classify(PodStatuses.running(), CREATED.plusSeconds(20), false)).isEqualTo(PodVerdict.WAIT);
        assertThat(classify(PodStatuses.unschedulable(), CREATED.plusSeconds(60), false)).isEqualTo(PodVerdict.WAIT);
        assertThat(classify(new PodStatus(), CREATED.plusSeconds(60), false)).isEqualTo(PodVerdict.WAIT);
    }

    @Test
    void oomKilledPodIsCollectedWithMemoryEvidence() {
        assertThat(classify(PodStatuses.oomKilled(), CREATED.plusSeconds(5), false))
                .as("the bootstrap may still have reported").isEqualTo(PodVerdict.collect(false));
        assertThat(PodStateClassifier.oomKilled(PodStatuses.oomKilled())).isTrue();
        assertThat(PodStateClassifier.oomKilled(PodStatuses.failed(1))).isFalse();
    }

    @Test
    void exceededDeadlineIsATimeout() {
        PodVerdict verdict = classify(PodStatuses.deadlineExceeded(), CREATED.plusSeconds(41), false);
        assertThat(verdict.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(verdict.failureReason()).isEqualTo("the pod exceeded its deadline (activeDeadlineSeconds)");
    }

    @Test
    void aPodStillRunningWellPastItsDeadlineTimesOut() {
        assertThat(classify(PodStatuses.running(), CREATED.plusSeconds(40 + 29), false)).isEqualTo(PodVerdict.WAIT);
        PodVerdict verdict = classify(PodStatuses.running(), CREATED.plusSeconds(40 + 31), false);
        assertThat(verdict.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(verdict.failureReason()).isEqualTo("the pod was still running past its deadline of 40s");
    }

    @Test
    void imagePullBackOffFailsAtOnce() {
        PodVerdict verdict = classify(PodStatuses.waiting("ImagePullBackOff", "Back-off pulling image"),
                CREATED.plusSeconds(5), false);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.failureReason())
                .isEqualTo("the container could not start: ImagePullBackOff (Back-off pulling image)");
        assertThat(classify(PodStatuses.waiting("ErrImagePull", "transient"), CREATED.plusSeconds(5), false))
                .as("the kubelet retries a first pull error").isEqualTo(PodVerdict.WAIT);
    }

    @Test
    void unschedulablePastTheWaitFails() {
        PodVerdict verdict = classify(PodStatuses.unschedulable(), CREATED.plusSeconds(121), false);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.failureReason()).isEqualTo(
                "the pod could not be scheduled within 120s (0/3 nodes are available: 3 Insufficient memory.)");
    }

    @Test
    void evictionIsAFailure() {
        PodVerdict verdict = classify(PodStatuses.evicted(), CREATED.plusSeconds(5), false);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.failureReason()).isEqualTo("the pod was evicted (Pod ephemeral local storage usage "
                + "exceeds the total limit of containers 64Mi.)");
    }

    @Test
    void deletionBeforeTheEndIsAFailureAndMarksThePodGone() {
        PodVerdict verdict = classify(PodStatuses.running(), CREATED.plusSeconds(5), true);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.podGone()).isTrue();
        assertThat(verdict.failureReason()).isEqualTo("the pod was deleted before the script finished");
        assertThat(classify(PodStatuses.succeeded(0), CREATED.plusSeconds(5), true))
                .as("a finished pod deleted by someone else still has a log to try").isEqualTo(PodVerdict.collect(true));
    }

    private PodVerdict classify(PodStatus status, Instant now, boolean deleted) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("exec-x").withCreationTimestamp(CREATED.toString()).endMetadata()
                .withNewSpec().withActiveDeadlineSeconds(40L).endSpec()
                .withStatus(status)
                .build();
        return classifier.classify(pod, now, deleted);
    }
}
