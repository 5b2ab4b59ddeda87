package io.integr8scode.monitoring;

import static io.integr8scode.execution.ExecutionStatus.CANCELLED;
import static io.integr8scode.execution.ExecutionStatus.COMPLETED;
import static io.integr8scode.execution.ExecutionStatus.FAILED;
import static io.integr8scode.execution.ExecutionStatus.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free-text failure reasons become a handful of label values, with the platform's share kept apart. */
class FailureReasonsTest {

    @Test
    void namesTheScriptsOwnOutcomes() {
        assertThat(FailureReasons.of(COMPLETED, null)).isEqualTo("none");
        assertThat(FailureReasons.of(FAILED, null)).isEqualTo("exit_code");
        assertThat(FailureReasons.of(FAILED, "memory limit exceeded (64 MB)")).isEqualTo("memory_limit");
        assertThat(FailureReasons.of(TIMEOUT, "time limit exceeded (5 s)")).isEqualTo("time_limit");
        assertThat(FailureReasons.of(TIMEOUT, "the pod exceeded its deadline (activeDeadlineSeconds)")).isEqualTo("time_limit");
        assertThat(FailureReasons.of(FAILED, "killed by signal 11")).isEqualTo("signal");
    }

    @Test
    void aCancelIsNoFailure() {
        assertThat(FailureReasons.of(CANCELLED, "cancelled while running")).isEqualTo("none");
        assertThat(FailureReasons.of(CANCELLED, "cancelled before it started")).isEqualTo("none");
        assertThat(FailureReasons.BY_STATUS.get(CANCELLED)).containsExactly("none");
    }

    @Test
    void keepsSandboxLostAndPlatformFailuresApart() {
        assertThat(FailureReasons.of(FAILED, "runc could not run the sandbox (exit 1): container_linux.go")).isEqualTo("sandbox");
        assertThat(FailureReasons.of(FAILED, "cannot start runc: No such file")).isEqualTo("sandbox");
        assertThat(FailureReasons.of(FAILED, "the container could not start: ImagePullBackOff")).isEqualTo("sandbox");
        assertThat(FailureReasons.of(TIMEOUT, "the pod was still pending past its deadline of 10s")).isEqualTo("sandbox");
        assertThat(FailureReasons.of(FAILED, "lost: the runner stopped (platform restart or crash) before the script finished"))
                .isEqualTo("lost");
        assertThat(FailureReasons.of(FAILED, "platform error: the work message could not be delivered (dead-lettered)"))
                .isEqualTo("platform");
        assertThat(FailureReasons.of(TIMEOUT, "the platform gave up waiting for the sandbox")).isEqualTo("platform");
    }

    @Test
    void everyReasonItGivesIsOneThatIsRegisteredAtStartup() {
        assertThat(FailureReasons.BY_STATUS.get(FAILED)).contains("exit_code", "memory_limit", "signal", "sandbox", "lost", "platform");
        assertThat(FailureReasons.BY_STATUS.get(TIMEOUT)).contains("time_limit", "sandbox", "platform");
    }
}
