package io.integr8scode.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionStatus;
import io.integr8scode.sandbox.ExecutionLimits;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Judge0 has no cancel: a cancelled execution reads as Runtime Error (Other), whether it ran or not. */
class Judge0StatusTest {

    @Test
    void aCancelledExecutionIsARuntimeErrorOther() {
        assertThat(Judge0Status.of(cancelled(137, "cancelled while running"), null)).isEqualTo(Judge0Status.RUNTIME_ERROR_OTHER);
        assertThat(Judge0Status.of(cancelled(null, "cancelled before it started"), null)).isEqualTo(Judge0Status.RUNTIME_ERROR_OTHER);
    }

    @Test
    void aTimeoutIsStillTimeLimitExceeded() {
        Execution timedOut = new Execution("t", ExecutionStatus.TIMEOUT, "x", "", "", "", 137, "time limit exceeded (5 s)",
                false, new ExecutionLimits(5, 128, 500), "runc", Instant.EPOCH, Instant.EPOCH, null, null, null, null,
                null, null, null, null, null);

        assertThat(Judge0Status.of(timedOut, null)).isEqualTo(Judge0Status.TIME_LIMIT_EXCEEDED);
    }

    private static Execution cancelled(Integer exitCode, String reason) {
        return new Execution("c", ExecutionStatus.CANCELLED, "x", "", "partial\n", "", exitCode, reason, false,
                new ExecutionLimits(5, 128, 500), "runc", Instant.EPOCH, Instant.EPOCH, null, null, null, null, null, null,
                null, null, null);
    }
}
