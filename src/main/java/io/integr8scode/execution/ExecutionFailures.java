package io.integr8scode.execution;

import io.integr8scode.sandbox.SandboxResult;
import org.springframework.stereotype.Component;

/** Outcomes for executions the platform could not finish normally; failure_reason says which case. */
@Component("executionFailures")
public class ExecutionFailures {

    public SandboxResult platformFailure(Exception cause) {
        String detail = cause == null || cause.getMessage() == null ? "unexpected error" : cause.getMessage();
        return SandboxResult.platformFailure("platform error: " + detail, 0);
    }

    public SandboxResult timedOut() {
        return new SandboxResult(SandboxResult.Outcome.TIMEOUT, null, "", "", false,
                "the platform gave up waiting for the sandbox", 0, SandboxResult.ResourceUsage.UNKNOWN);
    }

    public SandboxResult deadLettered() {
        return SandboxResult.platformFailure("platform error: the work message could not be delivered (dead-lettered)", 0);
    }

    public SandboxResult lost() {
        return SandboxResult.platformFailure("lost: the runner stopped (platform restart or crash) before the script finished", 0);
    }
}
