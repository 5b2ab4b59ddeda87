package io.integr8scode.sandbox;


/**
 * What a runner observed from outside the sandbox, to complete the bootstrap's own report.
 *
 * @param limits         the limits the run was given, for the wording of limit failures
 * @param memoryLimitHit the sandbox's memory cgroup (or pod status) shows an OOM kill
 * @param elapsedMs      wall time the runner measured, used when there is no report
 */
public record RunEvidence(ExecutionLimits limits, boolean memoryLimitHit, long elapsedMs) {

    /** The outcome when the sandbox left no usable report: a memory kill if evidence says so, else the platform. */
    public SandboxResult withoutReport(String platformReason) {
        if (memoryLimitHit) {
            return new SandboxResult(SandboxResult.Outcome.FAILED, 137, "", "", false, memoryLimitReason(),
                    elapsedMs, SandboxResult.ResourceUsage.UNKNOWN);
        }
        return SandboxResult.platformFailure(platformReason, elapsedMs);
    }

    String memoryLimitReason() {
        return "memory limit exceeded (" + limits.memoryMb() + " MB)";
    }

    String timeLimitReason() {
        return "time limit exceeded (" + limits.timeoutSeconds() + " s)";
    }
}
